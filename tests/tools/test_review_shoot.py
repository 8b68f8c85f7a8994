"""The review's blank-image check (tools/review/shoot.py), on images drawn here."""

from __future__ import annotations

from PIL import Image

from tools.review import shoot


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
