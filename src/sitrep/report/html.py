"""The report as one self-contained HTML file: styles inline, pictures as data URIs, no script.

Nothing is fetched when it is opened: the only absolute URLs are the articles' own source
links, written ``rel="noreferrer"`` and only when they are http(s) (anything else stays text).
Served by ``sitrep serve``, whose content security policy forbids inline styles, the same page
links its stylesheet instead (``css_href``).
"""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

from jinja2 import Environment, StrictUndefined

from . import text
from .build import Report
from .charts import all_charts, split_places

CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9d9; --coop: #1b7837; --conf: #b2182b; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 60rem; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid var(--ink);
       padding-bottom: .15rem; margin-top: 2.2rem; } h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
.meta, .muted, figcaption { color: var(--muted); font-size: .9rem; }
ol.dev { padding-left: 1.3rem; } ol.dev > li, ul.unreal > li { margin: 0 0 1rem; }
.date { font-variant-numeric: tabular-nums; font-weight: bold; margin-right: .4rem; }
.support { color: var(--muted); white-space: nowrap; }
.flag { display: inline-block; font-size: .75rem; border: 1px solid #c77700; color: #8a5300;
        border-radius: 3px; padding: 0 .3rem; margin-left: .3rem; white-space: nowrap; }
.modality { display: inline-block; font-size: .75rem; background: #eee; border-radius: 3px; padding: 0 .35rem;
            margin-right: .3rem; text-transform: uppercase; letter-spacing: .03em; }
blockquote { margin: .35rem 0 .25rem; padding: .1rem .8rem; border-left: 3px solid var(--rule);
             color: #333; font-style: italic; }
.sources { font-size: .85rem; color: var(--muted); margin: 0; } .sources a { color: #1a4f8b; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { border-bottom: 2px solid var(--ink); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.pos { color: var(--coop); } .neg { color: var(--conf); }
figure { margin: 1rem 0; } figure img { width: 100%; height: auto; border: 1px solid var(--rule); }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } li, figure, tr, blockquote { break-inside: avoid; }
  .sources a::after { content: " <" attr(href) ">"; word-break: break-all; }
}
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{ r.title }} ({{ r.window }})</title>
{% if css_href %}<link rel="stylesheet" href="{{ css_href }}">{% else %}<style>{{ css | safe }}</style>{% endif %}
</head><body>
<header>
<h1>{{ r.title }}</h1>
<p class="meta">{{ t.window_line(r) }}</p>
</header>

<section id="scope"><h2>Scope and corpus</h2>
{% for p in t.scope_paragraphs(r) %}<p>{{ p }}</p>{% endfor %}
</section>

<section id="developments"><h2>Key developments</h2>
{% if r.developments %}<p class="muted">{{ t.developments_intro(r) }}</p>
<ol class="dev">{% for d in r.developments %}{{ item(d) }}{% endfor %}</ol>
{% else %}<p>No asserted event in this window.</p>{% endif %}
</section>

<section id="movers"><h2>Who moved</h2>
<p>{{ t.movers_intro(r) }}</p>
{% if r.movers %}<table><thead><tr><th>actor</th><th class="num">events before → now</th>
<th class="num">net intensity before → now</th><th>new counterparts</th><th>counterparts gone</th></tr></thead><tbody>
{% for m in r.movers %}<tr><td>{{ m.name }}{% if m.code %} <span class="muted">({{ m.code }})</span>{% endif %}</td>
<td class="num">{{ m.prev_events }} → {{ m.events }}</td>
<td class="num">{{ t.signed(m.prev_net) }} → <span class="{{ t.sign_class(m.net) }}">{{ t.signed(m.net) }}</span></td>
<td>{{ m.gained | join(", ") }}</td><td>{{ m.lost | join(", ") }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
</section>

<section id="relations"><h2>Relations</h2>
{% if r.dyads %}<p>{{ t.relations_intro(r) }}</p>
<table><thead><tr><th>dyad</th><th class="num">events</th><th class="num">cooperation</th><th class="num">conflict</th>
<th class="num">balance</th><th class="num">before</th><th class="num">change</th></tr></thead><tbody>
{% for d in r.dyads %}<tr><td>{{ d.a_name }} – {{ d.b_name }}</td><td class="num">{{ d.events }}</td>
<td class="num">{{ t.num(d.cooperation) }}</td><td class="num">{{ t.num(d.conflict) }}</td>
<td class="num {{ t.sign_class(d.score) }}">{{ t.signed(d.score) }}</td><td class="num">{{ t.signed(d.prev_score) }}</td>
<td class="num">{{ t.signed(d.change) }}</td></tr>{% endfor %}
</tbody></table>
{% if img.relations %}<figure><img src="{{ img.relations }}" alt="Bar chart: net cooperation-conflict balance of each dyad, this period and the previous one">
<figcaption>Net balance per dyad: the sum of the PLOVER intensities of its asserted events (cooperation positive,
conflict negative); hatched bars are the previous period.</figcaption></figure>{% endif %}
{% if img.graph %}<h3>Actor graph</h3><figure><img src="{{ img.graph }}" alt="Network of the actors related by asserted events in the window">
<figcaption>{{ t.graph_caption(r) }}</figcaption></figure>{% endif %}
{% else %}<p>No asserted event between two named actors in this window.</p>{% endif %}
</section>

<section id="where"><h2>Where</h2>
<p>{{ t.where_intro(r) }}</p>
{% if img.map %}<figure><img src="{{ img.map }}" alt="Map of the places of the window's asserted events">
<figcaption>{{ t.map_caption(r, off_map) }}</figcaption></figure>{% endif %}
</section>

<section id="unreal"><h2>What did not happen</h2>
<p>{{ t.unreal_intro(r) }}</p>
{% if r.unreal %}<ul class="unreal">{% for d in r.unreal %}{{ item(d, modality=True) }}{% endfor %}</ul>{% endif %}
</section>

<section id="caveats"><h2>Caveats</h2>
<ul>{% for c in t.caveat_lines(r) %}<li>{{ c }}</li>{% endfor %}</ul>
{% if r.caveats.inferred_dates %}<h3>Articles dated by inference</h3>
<table><thead><tr><th>article</th><th>title</th><th>inferred date</th><th class="num">events in window</th></tr></thead><tbody>
{% for a in r.caveats.inferred_dates %}<tr><td>{{ a.doc }}</td><td>{{ a.title }}</td><td>{{ a.published }} ({{ a.published_precision }})</td>
<td class="num">{{ a.events }}</td></tr>{% endfor %}</tbody></table>{% endif %}
{% if r.caveats.low_confidence %}<h3>Low-confidence events</h3>
<table><thead><tr><th>date</th><th>event</th><th class="num">confidence</th><th>sentence</th></tr></thead><tbody>
{% for e in r.caveats.low_confidence[:12] %}<tr><td>{{ e.date }}</td><td>{{ e.type }}: {{ e.source_name or "?" }} → {{ e.target_name or "?" }}</td>
<td class="num">{{ "%.2f" | format(e.confidence) }}</td><td>{{ e.quote }}</td></tr>{% endfor %}</tbody></table>{% endif %}
</section>

<footer class="muted">{{ t.footer(r) }}</footer>
</body></html>
"""

ITEM = """{% macro item(d, modality=False) %}<li data-cluster="{{ d.cluster_id }}">
{% if modality %}<span class="modality">{{ d.modality }}</span>{% endif %}<span class="date">{{ d.date or "undated" }}</span>
{{ d.sentence }} <span class="support">({{ d.support }})</span>{% for f in d.flags %}<span class="flag">{{ f }}</span>{% endfor %}
<blockquote>{{ d.quote }}</blockquote>
<p class="sources">Sources: {% for s in d.sources %}{% if not loop.first %}; {% endif %}{{ s.doc }}{% if s.outlet %}, {{ s.outlet }}{% endif %}
{%- if t.safe_url(s.url) %} · <a href="{{ s.url }}" rel="noreferrer">{{ s.url }}</a>{% elif s.url %} · {{ s.url }}{% endif %}{% endfor %}</p>
</li>{% endmacro %}"""


@lru_cache(maxsize=1)
def _template() -> Any:
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(ITEM + TEMPLATE)


def data_uri(image: bytes | None, fmt: str = "svg") -> str | None:
    if not image:
        return None
    mime = "image/svg+xml" if fmt == "svg" else f"image/{fmt}"
    return f"data:{mime};base64,{base64.b64encode(image).decode('ascii')}"


def render(report: Report, css_href: str | None = None) -> str:
    """The report as an HTML page; ``css_href`` links the stylesheet instead of inlining it."""
    images = {k: data_uri(v) for k, v in all_charts(report, "svg").items()}
    return _template().render(r=report, t=text, img=images, css=CSS, css_href=css_href,
                              off_map=split_places(report.places)[1])
