"""Compare spelling engines for the proofreading rules (README: "Proofreading").

Usage: python bench/proofreading.py [CORPUS_DRAFTS_DIR]   (default: ../shared/corpus/drafts)

Each engine sits behind the same filters (entities, proper nouns, capitals,
compounds, lemma); a flag on the shared corpus is a false alarm, and each test
draft in tests/proofreading/typos/ has one planted typo. Needs harper-py, spylls,
pyspellchecker and symspellpy installed.
"""
import glob, re, sys, time, json
from pathlib import Path
from followup_lint.reading.reader import read_draft
from followup_lint.checking.nlp import load_model
from followup_lint.core.english_words import dictionary_words
nlp = load_model(None, frozenset({"ner"}))
CMU = dictionary_words()
def cands(path, data=None):
    d = read_draft(path, data if data is not None else Path(path).read_bytes())
    doc = nlp(d.prose)
    out=[]
    for t in doc:
        if not t.is_alpha or t.ent_type_ or t.pos_=="PROPN": continue
        w=t.text
        if w.isupper() and len(w)>1: continue
        if any(c.isupper() for c in w[1:]): continue
        if w[0].isupper() and not t.is_sent_start: continue
        i=t.idx; e=i+len(w); txt=d.prose
        if (i>0 and txt[i-1] in "-/") or (e<len(txt) and txt[e:e+1] in "-/"): continue
        out.append((w, t.lemma_))
    return out
ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "drafts"
files = sorted(glob.glob(str(CORPUS / "*")))
t=time.perf_counter(); corpus = {f: cands(f) for f in files}; print("parse", (time.perf_counter()-t)/len(files))
TYPOS = {"t01": "oppurtunity", "t02": "recieve", "t03": "intrested", "t04": "definately",
         "t05": "beleive", "t06": "managment", "t07": "collegues", "t08": "foward",
         "t09": "seperate", "t10": "discusion"}
planted = [(cands(str(p)), TYPOS[p.name[:3]])
           for p in sorted((ROOT / "tests" / "proofreading" / "typos").iterdir())]
def mk_pyspell():
    from spellchecker import SpellChecker
    sc=SpellChecker(); return lambda w: w in sc
def mk_sym():
    from symspellpy import SymSpell; import importlib.resources as r
    s=SymSpell(); s.load_dictionary(str(r.files("symspellpy")/"frequency_dictionary_en_82_765.txt"),0,1)
    return lambda w: w in s.words
def mk_spylls():
    from spylls.hunspell import Dictionary
    d=Dictionary.from_files("en_US"); return lambda w: d.lookup(w)
def mk_harper():
    import harper
    L=[harper.Linter(harper.Dialect.AMERICAN), harper.Linter(harper.Dialect.BRITISH)]
    c={}
    def known(w):
        if w not in c: c[w]= any(not any(l.lint_kind=="Spelling" for l in x.lint(w,language="plaintext")) for x in L)
        return c[w]
    return known
for name, mk in [("pyspellchecker",mk_pyspell),("symspellpy",mk_sym),("spylls",mk_spylls),("harper",mk_harper)]:
  for union in (False, True):
    t=time.perf_counter(); k=mk(); st=time.perf_counter()-t
    def bad(w, lemma):
        lw=w.lower()
        if k(lw) or k(lemma.lower()): return False
        if union and (lw in CMU or lemma.lower() in CMU): return False
        return True
    t=time.perf_counter(); fa={}
    for f,ws in corpus.items():
        for w,l in ws:
            if bad(w,l): fa.setdefault(w.lower(),[]).append(Path(f).name)
    per=(time.perf_counter()-t)/len(corpus)
    caught=[ty for ws,ty in planted if any(w==ty and bad(w,l) for w,l in ws)]
    print(f"\n== {name}{'+cmudict' if union else ''}: start {st:.2f}s, check {per*1000:.2f} ms/draft, false alarms {sum(map(len,fa.values()))} ({len(fa)} words), caught {len(caught)}/10")
    print(sorted(fa))
