# Smoke test for Pillow in the wasm runtime: real image work with asserted results, one line per
# area, "smoke: ok" at the end. Any failure exits non-zero. Also prints which optional codecs this
# build has (zlib and jpeg only, by the recipe's choice) and fails if that changes unnoticed.
import io
import sys
import traceback

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps, ImageStat, features


def drawn_image():
    im = Image.new("RGB", (64, 48), (255, 255, 255))
    d = ImageDraw.Draw(im)
    d.rectangle((8, 8, 31, 23), fill=(255, 0, 0))
    d.ellipse((36, 10, 59, 40), fill=(0, 0, 255), outline=(0, 0, 0))
    d.line((0, 47, 63, 30), fill=(0, 128, 0), width=3)
    d.polygon([(2, 40), (12, 30), (22, 40)], fill=(255, 255, 0))
    return im


def check_features():
    built = {name: features.check(name) for name in ("zlib", "jpg", "libjpeg_turbo")}
    assert all(built.values()), built
    unavailable = ["libtiff", "freetype2", "littlecms2", "webp", "webp_anim", "jpg_2000", "raqm",
                   "libimagequant", "xcb"]
    present = [name for name in unavailable if features.check(name)]
    assert not present, "codecs the recipe disables are present: %s" % present
    assert features.version("jpg") == "6.2", features.version("jpg")  # the libjpeg v6b API
    assert features.version("libjpeg_turbo") == "2.1.5", features.version("libjpeg_turbo")
    assert features.version("zlib") == "1.2.13", features.version("zlib")
    return "features: zlib %s, jpg %s (libjpeg-turbo %s); unavailable (disabled by the recipe): %s" % (
        features.version("zlib"), features.version("jpg"), features.version("libjpeg_turbo"),
        ", ".join(unavailable))


def check_draw():
    im = drawn_image()
    assert im.getpixel((10, 10)) == (255, 0, 0)
    assert im.getpixel((47, 25)) == (0, 0, 255)
    assert im.getpixel((1, 1)) == (255, 255, 255)
    assert im.getpixel((12, 38)) == (255, 255, 0)
    # the red rectangle is 24 x 16 pixels; nothing else is drawn over it
    colors = dict((c, n) for n, c in im.getcolors(maxcolors=1000))
    assert colors[(255, 0, 0)] == 24 * 16, colors[(255, 0, 0)]
    assert set(colors) >= {(255, 255, 255), (255, 0, 0), (0, 0, 255), (0, 0, 0), (0, 128, 0), (255, 255, 0)}
    return "draw: rectangle, ellipse, line, polygon; pixels as drawn"


def check_png():
    im = drawn_image()
    for mode in ("RGB", "RGBA", "L", "P", "1", "I;16"):
        src = im.convert(mode) if mode != "I;16" else im.convert("L").convert("I")
        buf = io.BytesIO()
        src.save(buf, "PNG", optimize=(mode == "P"))
        data = buf.getvalue()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        back = Image.open(io.BytesIO(data))
        back.load()
        assert back.size == (64, 48)
        if mode == "I;16":
            assert list(back.getdata()) == list(src.getdata()), mode
        else:
            assert back.mode == mode, (mode, back.mode)
            assert ImageChops.difference(back.convert("RGB"), src.convert("RGB")).getbbox() is None, mode
    # metadata and compression levels round-trip
    from PIL import PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "wasm")
    buf = io.BytesIO()
    im.save(buf, "PNG", pnginfo=info, compress_level=9)
    assert Image.open(io.BytesIO(buf.getvalue())).text == {"Comment": "wasm"}
    return "png: RGB RGBA L P 1 I round trips are lossless, text chunk kept"


def check_jpeg():
    im = drawn_image()
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=95, subsampling=0)  # 4:4:4: no chroma loss at the sharp edges
    data = buf.getvalue()
    assert data[:3] == b"\xff\xd8\xff"
    back = Image.open(io.BytesIO(data))
    assert back.format == "JPEG" and back.mode == "RGB" and back.size == (64, 48)
    # lossy, but close: mean absolute difference per channel small
    diff = ImageStat.Stat(ImageChops.difference(back, im)).mean
    assert max(diff) < 6, diff
    r, g, b = back.getpixel((16, 14))
    assert r > 200 and g < 60 and b < 60, (r, g, b)
    # quality changes the size; grayscale, progressive and subsampling options work
    small = io.BytesIO()
    im.save(small, "JPEG", quality=20, subsampling=0)
    assert len(small.getvalue()) < len(data)
    for kwargs in ({"progressive": True}, {"subsampling": 2}, {"optimize": True}):
        b2 = io.BytesIO()
        im.save(b2, "JPEG", **kwargs)
        assert Image.open(io.BytesIO(b2.getvalue())).size == (64, 48)
    gray = io.BytesIO()
    im.convert("L").save(gray, "JPEG")
    assert Image.open(io.BytesIO(gray.getvalue())).mode == "L"
    # draft mode (libjpeg's DCT scaling) decodes at reduced size
    big = im.resize((256, 192))
    bb = io.BytesIO()
    big.save(bb, "JPEG")
    drafted = Image.open(io.BytesIO(bb.getvalue()))
    drafted.draft("RGB", (64, 48))
    assert drafted.size == (64, 48), drafted.size
    return "jpeg: save/reload within tolerance, quality, progressive, gray, draft scaling"


def check_resize_convert():
    im = drawn_image()
    for method in (Image.NEAREST, Image.BILINEAR, Image.BICUBIC, Image.LANCZOS, Image.BOX, Image.HAMMING):
        r = im.resize((32, 24), method)
        assert r.size == (32, 24)
    up = im.resize((128, 96), Image.NEAREST)
    assert up.getpixel((20, 20)) == im.getpixel((10, 10))
    thumb = im.copy()
    thumb.thumbnail((16, 16))
    assert thumb.size == (16, 12)
    assert im.rotate(90, expand=True).size == (48, 64)
    assert im.transpose(Image.FLIP_LEFT_RIGHT).getpixel((63 - 10, 10)) == (255, 0, 0)
    assert im.crop((8, 8, 32, 24)).getcolors() == [(24 * 16, (255, 0, 0))]
    gray = im.convert("L")
    assert gray.getpixel((10, 10)) == 76  # ITU-R 601-2 luma of pure red
    assert im.convert("1").mode == "1"
    cmyk = im.convert("CMYK")
    assert cmyk.getpixel((10, 10)) == (0, 255, 255, 0)
    assert cmyk.convert("RGB").getpixel((10, 10)) == (255, 0, 0)
    p = im.convert("P", palette=Image.ADAPTIVE, colors=8)
    assert p.mode == "P" and len(p.getcolors()) <= 8
    ycc = im.convert("YCbCr").convert("RGB")
    assert max(ImageStat.Stat(ImageChops.difference(ycc, im)).mean) < 2
    la = im.convert("LA")
    assert la.getpixel((10, 10)) == (76, 255)
    return "resize (6 filters), thumbnail, rotate, transpose, crop, convert L 1 CMYK P YCbCr LA"


def check_filters_ops():
    im = drawn_image()
    blurred = im.filter(ImageFilter.GaussianBlur(2))
    assert blurred.getpixel((1, 1))[0] > 240
    assert blurred.getpixel((8, 8)) != (255, 0, 0)  # the rectangle's corner is smoothed
    edges = im.convert("L").filter(ImageFilter.FIND_EDGES)
    assert edges.getextrema()[1] > 100
    assert ImageOps.invert(im).getpixel((10, 10)) == (0, 255, 255)
    assert ImageOps.mirror(im).getpixel((53, 10)) == (255, 0, 0)
    assert ImageOps.grayscale(im).mode == "L"
    eq = ImageOps.equalize(im.convert("L"))
    assert eq.getextrema()[1] == 255
    hist = im.convert("L").histogram()
    assert len(hist) == 256 and sum(hist) == 64 * 48
    from PIL import ImageMath
    a = Image.new("L", (4, 4), 10)
    b = Image.new("L", (4, 4), 20)
    out = ImageMath.eval("convert(a * 2 + b, 'L')", a=a, b=b)
    assert out.getpixel((0, 0)) == 40
    blended = Image.blend(Image.new("RGB", (2, 2), (0, 0, 0)), Image.new("RGB", (2, 2), (200, 100, 50)), 0.5)
    assert blended.getpixel((0, 0)) == (100, 50, 25)
    comp = Image.alpha_composite(Image.new("RGBA", (2, 2), (255, 0, 0, 255)), Image.new("RGBA", (2, 2), (0, 0, 255, 128)))
    assert comp.getpixel((0, 0)) == (127, 0, 128, 255)
    return "filters and ops: blur, edges, invert, mirror, equalize, histogram, ImageMath, blend, composite"


def check_files_and_bytes():
    import os
    import tempfile
    im = drawn_image()
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, ext in (("PNG", "png"), ("JPEG", "jpg"), ("BMP", "bmp"), ("GIF", "gif"), ("PPM", "ppm")):
            path = os.path.join(tmp, "x." + ext)
            im.save(path)
            with Image.open(path) as back:
                assert back.format == fmt, (fmt, back.format)
                assert back.size == (64, 48)
    raw = im.tobytes()
    assert len(raw) == 64 * 48 * 3
    assert Image.frombytes("RGB", (64, 48), raw).tobytes() == raw
    return "files: PNG JPEG BMP GIF PPM saved to and opened from disk; tobytes/frombytes"


def main():
    checks = [check_features, check_draw, check_png, check_jpeg, check_resize_convert, check_filters_ops,
              check_files_and_bytes]
    failed = 0
    for check in checks:
        try:
            print(check())
        except Exception:
            failed += 1
            print("FAILED", check.__name__)
            traceback.print_exc()
        sys.stdout.flush()
    if failed:
        print("smoke: %d area(s) failed" % failed)
        sys.exit(1)
    import PIL
    print("pillow", PIL.__version__)
    print("smoke: ok")


main()
