"""The icon sprite: static/vendor/icons.svg holds one `<symbol id="i-NAME">` for each icon the
templates name, taken from the pinned npm package lucide-static (ISC licence).

Templates draw an icon with the `icon(name, label=None)` macro of templates/_macros.html; the
name is always written out literally (`icon('printer')`, or `icon='printer'` when a macro passes
it on), so a scan of the templates finds every icon in use and the sprite holds those alone
(a few kilobytes instead of the package's whole set). `make setup` runs this module:

    python -m app.core.icons --templates templates --source node_modules/lucide-static/icons \
        --out static/vendor/icons.svg

Stroke, fill and size come from the site's CSS (`.icon`), so the sprite carries shapes only.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

# icon('name' … or icon='name' (a macro argument passed on to icon()).
ICON_CALL = re.compile(r"""\bicon(?:\(\s*|\s*=\s*)["']([a-z0-9-]+)["']""")
SYMBOL_ID = re.compile(r'<symbol id="i-([a-z0-9-]+)"')
_VIEWBOX = re.compile(r'viewBox="([^"]+)"')
_BODY = re.compile(r"<svg\b[^>]*>(.*)</svg>", re.S)


class MissingIcons(LookupError):
    """Templates name icons that the icon package does not have."""


def used_icons(templates: Path) -> dict[str, list[str]]:
    """Every icon name written in a template, with the templates that use it."""
    found: dict[str, list[str]] = {}
    for path in sorted(templates.rglob("*.html")):
        for name in ICON_CALL.findall(path.read_text(encoding="utf-8")):
            where = found.setdefault(name, [])
            relative = str(path.relative_to(templates))
            if relative not in where:
                where.append(relative)
    return found


def _symbol(name: str, svg: str) -> str:
    body = _BODY.search(svg)
    viewbox = _VIEWBOX.search(svg)
    if not body or not viewbox:
        raise ValueError(f"icon {name}: not an SVG file the sprite understands")
    shapes = " ".join(line.strip() for line in body.group(1).splitlines() if line.strip())
    shapes = shapes.replace(" />", "/>").replace("> <", "><")
    return f'<symbol id="i-{name}" viewBox="{viewbox.group(1)}">{shapes}</symbol>'


def build_sprite(names, source: Path) -> str:
    """The sprite's text for these icon names; MissingIcons names any the package lacks."""
    names = sorted(set(names))
    missing = [n for n in names if not (source / f"{n}.svg").is_file()]
    if missing:
        raise MissingIcons(f"no such icon in {source}: {', '.join(missing)}")
    version = ""
    package = source.parent / "package.json"
    if package.is_file():
        version = " " + json.loads(package.read_text(encoding="utf-8")).get("version", "")
    symbols = "\n".join(_symbol(n, (source / f"{n}.svg").read_text(encoding="utf-8")) for n in names)
    return (f'<svg xmlns="http://www.w3.org/2000/svg">\n<!-- lucide-static{version}, ISC licence;'
            f" only the icons the templates use -->\n{symbols}\n</svg>\n")


def sprite_symbols(sprite: str) -> set[str]:
    """The icon names a built sprite holds."""
    return set(SYMBOL_ID.findall(sprite))


def write_sprite(templates: Path, source: Path, out: Path) -> int:
    """Build the sprite for the templates and write it (atomically); returns the icon count."""
    names = used_icons(templates)
    text = build_sprite(names, source)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, out)
    return len(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the icon sprite for the templates.")
    parser.add_argument("--templates", type=Path, default=Path("templates"))
    parser.add_argument("--source", type=Path, default=Path("node_modules/lucide-static/icons"))
    parser.add_argument("--out", type=Path, default=Path("static/vendor/icons.svg"))
    args = parser.parse_args(argv)
    try:
        count = write_sprite(args.templates, args.source, args.out)
    except MissingIcons as exc:
        print(f"icons: {exc}", file=sys.stderr)
        return 1
    print(f"icons: {count} icons in {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
