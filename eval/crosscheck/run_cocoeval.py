"""Runs pycocotools' own cocoeval.py on a ground-truth file and a results file and prints COCOeval.stats as
JSON, for comparing with `trtpipe eval --json` to the bit. Needs numpy only: coco.py and cocoeval.py are
taken from a checkout of cocodataset/cocoapi (PythonAPI/pycocotools), the C mask extension is replaced by
mask_shim.py (bbox IoU as maskApi.c's bbIou), matplotlib (used only for drawing) by empty modules.
Usage: python3 run_cocoeval.py COCOAPI_CHECKOUT gt.json results.json"""
import contextlib, io, json, os, shutil, sys, tempfile, types

for m in ['matplotlib', 'matplotlib.pyplot', 'matplotlib.collections', 'matplotlib.patches']:
    mod = types.ModuleType(m)
    mod.PatchCollection = mod.Polygon = None
    sys.modules[m] = mod
import numpy as np
np.float = float  # cocoeval.py predates numpy 1.24
pkg = os.path.join(tempfile.mkdtemp(), 'pycocotools')
os.makedirs(pkg)
for f in ('coco.py', 'cocoeval.py'):
    shutil.copy(os.path.join(sys.argv[1], 'PythonAPI', 'pycocotools', f), pkg)
shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'mask_shim.py'), os.path.join(pkg, 'mask.py'))
open(os.path.join(pkg, '__init__.py'), 'w').close()
sys.path.insert(0, os.path.dirname(pkg))
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval
with contextlib.redirect_stdout(io.StringIO()):
    gt = COCO(sys.argv[2])
    e = COCOeval(gt, gt.loadRes(sys.argv[3]), 'bbox')
    e.evaluate(); e.accumulate(); e.summarize()
print(json.dumps([float(x) for x in e.stats]))
