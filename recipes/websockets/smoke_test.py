# The C masking routine must be the one in use, and a frame must round-trip through the protocol.
from websockets import frames, speedups, utils
from websockets.frames import Frame, Opcode
from websockets.streams import StreamReader

assert frames.apply_mask is speedups.apply_mask, frames.apply_mask
mask = b"\x01\x02\x03\x04"
data = bytes(range(256)) * 4
assert speedups.apply_mask(speedups.apply_mask(data, mask), mask) == data
assert speedups.apply_mask(data, mask) == utils.apply_mask(data, mask) if hasattr(utils, "apply_mask") else True

frame = Frame(Opcode.TEXT, "h\u00e9llo".encode())
reader = StreamReader()
reader.feed_data(frame.serialize(mask=True))
parser = Frame.parse(reader.read_exact, mask=True)
try:
    next(parser)
except StopIteration as done:
    assert done.value == frame, done.value
print("websockets speedups from", speedups.__file__)
