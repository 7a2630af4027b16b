import io, sys
import PIL
from PIL import Image, ImageDraw, ImageFilter, features
print("Pillow", PIL.__version__, sys.version.split()[0])
assert features.check("jpg") and features.check("zlib"), features.pilinfo()
print("libjpeg-turbo", features.version("jpg"), "zlib", features.version("zlib"))
im = Image.new("RGB", (64, 48), (10, 200, 30))
d = ImageDraw.Draw(im); d.rectangle((8, 8, 40, 30), fill=(250, 20, 20)); d.ellipse((30, 20, 60, 44), outline=(0, 0, 255))
for fmt, kw in (("JPEG", {"quality": 90}), ("PNG", {"optimize": True})):
    buf = io.BytesIO(); im.save(buf, fmt, **kw); data = buf.getvalue()
    back = Image.open(io.BytesIO(data)); back.load()
    assert back.format == fmt and back.size == im.size and back.mode == "RGB", (back.format, back.size)
    px = back.getpixel((20, 20)); assert abs(px[0] - 250) < 12 and px[1] < 40, px
    print(fmt, len(data), "bytes, pixel", px)
im.save("/tmp/t.jpg"); im.convert("L").filter(ImageFilter.GaussianBlur(2)).save("/tmp/t.png")
a = Image.open("/tmp/t.jpg"); b = Image.open("/tmp/t.png")
assert a.size == b.size == (64, 48) and b.mode == "L"
a.thumbnail((16, 16)); assert max(a.size) == 16
# progressive JPEG + a deliberately truncated JPEG (the libjpeg error path uses setjmp/longjmp)
buf = io.BytesIO(); im.save(buf, "JPEG", progressive=True); Image.open(io.BytesIO(buf.getvalue())).load()
try:
    Image.open(io.BytesIO(buf.getvalue()[:200])).load(); raise AssertionError("no error")
except OSError as e:
    print("truncated JPEG -> OSError:", e)
print("PILLOW OK")
