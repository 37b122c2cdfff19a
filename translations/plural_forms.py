#!/usr/bin/env python3
"""The English plural forms of Sockscope's counted texts (tr() with %n), kept complete.

Qt picks "1 row" or "2 rows" from a translation, also for English: without one, a text written
"%n rows" reads "1 rows". translations/sockscope_en.ts holds the English forms of every such
text, and is compiled into the core (PluralForms::install()).

  plural_forms.py check SOURCE_DIR   exit 1, listing them, when a counted text of the sources has
                                     no finished English forms in sockscope_en.ts (a ctest)
  plural_forms.py update SOURCE_DIR  add the counted texts the sources have to sockscope_en.ts,
                                     drop those they no longer have, and list what needs forms

Write the singular in <numerusform> one and the plural in two, then remove type="unfinished".
"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

LUPDATE_CANDIDATES = ["/usr/lib/qt6/bin/lupdate", "lupdate6", "lupdate"]


def lupdate():
    for candidate in LUPDATE_CANDIDATES:
        if os.path.sep in candidate and os.access(candidate, os.X_OK):
            return candidate
        for folder in os.environ.get("PATH", "").split(os.pathsep):
            path = os.path.join(folder, candidate)
            if os.access(path, os.X_OK):
                return path
    sys.exit("plural_forms.py: lupdate not found (Debian: apt-get install qt6-l10n-tools)")


def run_lupdate(source_dir, ts_file):
    folders = [os.path.join(source_dir, f) for f in ("app", "ui")]
    try:
        subprocess.run([lupdate(), "-pluralonly", "-no-obsolete", "-locations", "none",
                        "-target-language", "en", "-silent", *folders, "-ts", ts_file],
                       check=True, stdout=subprocess.DEVNULL, timeout=120)
    except subprocess.TimeoutExpired:
        # lupdate 6.4 loops forever on some template argument lists inside a tr() call, such
        # as std::max<qsizetype>(…): compute such a value before the call.
        sys.exit("plural_forms.py: lupdate did not finish in 120 s; look for a template "
                 "argument list inside a tr() call in the files changed last")


def counted_texts(ts_file):
    """{(context, source): [forms] or None when unfinished}"""
    texts = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            if message.get("numerus") != "yes":
                continue
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")]
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            done = finished and len(forms) == 2 and all(forms)
            texts[(name, message.findtext("source"))] = forms if done else None
    return texts


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("check", "update"):
        sys.exit(__doc__)
    command, source_dir = sys.argv[1], os.path.abspath(sys.argv[2])
    ts_file = os.path.join(source_dir, "translations", "sockscope_en.ts")
    if command == "update":
        run_lupdate(source_dir, ts_file)
        missing = [key for key, forms in counted_texts(ts_file).items() if forms is None]
    else:
        with tempfile.TemporaryDirectory() as scratch:
            fresh = os.path.join(scratch, "sources.ts")
            run_lupdate(source_dir, fresh)
            wanted = counted_texts(fresh)
        kept = counted_texts(ts_file)
        missing = [key for key in wanted if kept.get(key) is None]
    for context, source in missing:
        print(f"no English plural forms: {context}: {source}")
    if missing and command == "check":
        print("Run translations/plural_forms.py update . and write the forms in "
              "translations/sockscope_en.ts.")
        return 1
    print(f"{len(missing)} counted texts need their forms" if missing
          else "every counted text has its English plural forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
