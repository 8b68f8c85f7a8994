"""The review's blank-image check (tools/review/shoot.py), on images drawn here."""

from __future__ import annotations

from PIL import Image

from tools.review import plan, shoot


def test_a_blank_image_is_told_from_a_drawn_one(tmp_path):
    blank, drawn = tmp_path / "blank.png", tmp_path / "drawn.png"
    Image.new("RGB", (390, 844), "white").save(blank)
    im = Image.new("RGB", (390, 844), "white")
    for x in range(0, 390, 20):
        for y in range(0, 844, 20):
            im.putpixel((x, y), (x % 256, y % 256, 0))
    im.paste((0, 0, 120), (10, 10, 200, 60))
    im.save(drawn)
    assert shoot.is_blank(blank)
    assert not shoot.is_blank(drawn)


def test_a_french_review_names_its_images_and_opens_its_pages_in_french():
    assert shoot.in_language("sample_default_funding_phone.png", "en") == (
        "sample_default_funding_phone.png")
    assert shoot.in_language("sample_default_funding_phone.png", "fr") == (
        "fr_sample_default_funding_phone.png")


def test_the_camera_opens_every_page_in_its_language():
    shot = next(s for s in plan.shots("2000-01-01", ["funding"], ["default"], ["phone"],
                                      ["sample"]))
    camera = shoot.Camera.__new__(shoot.Camera)  # no browser needed for an address
    camera.base_url, camera.lang = "http://x", "fr"
    assert camera.url(shot) == "http://x/funding?lang=fr"
