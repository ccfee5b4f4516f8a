"""The actor graph as GraphML or GEXF, for Gephi and networkx: actors are nodes, dyads are edges
weighted by their number of asserted events and coloured by net cooperation-conflict."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from . import Store

GRAPH_FORMATS = ("graphml", "gexf")
_EDGES = """
    SELECT source_actor_id AS s, target_actor_id AS t, count(*) AS events, sum(coalesce(intensity, 0)) AS score
    FROM events WHERE modality = 'asserted' AND source_actor_id IS NOT NULL AND target_actor_id IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2"""
_NODES = "SELECT actor_id, name, kind, code, sector FROM actors WHERE actor_id IN (SELECT unnest(?)) ORDER BY actor_id"


def write_graph(store: Store, fmt: str, out: Path) -> int:
    """Write the directed actor graph; returns the number of edges."""
    edges = store.con.execute(_EDGES).fetchall()
    ids = sorted({e[0] for e in edges} | {e[1] for e in edges})
    nodes = store.con.execute(_NODES, [ids]).fetchall()
    root = _graphml(nodes, edges) if fmt == "graphml" else _gexf(nodes, edges)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return len(edges)


def _graphml(nodes: list[tuple], edges: list[tuple]) -> ET.Element:
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for key, target, kind in (("name", "node", "string"), ("kind", "node", "string"), ("code", "node", "string"),
                              ("sector", "node", "string"), ("events", "edge", "int"), ("score", "edge", "double")):
        ET.SubElement(root, "key", {"id": key, "for": target, "attr.name": key, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="sitrep", edgedefault="directed")
    for actor_id, *fields in nodes:
        node = ET.SubElement(graph, "node", id=actor_id)
        for key, value in zip(("name", "kind", "code", "sector"), fields):
            ET.SubElement(node, "data", key=key).text = "" if value is None else str(value)
    for n, (s, t, events, score) in enumerate(edges):
        edge = ET.SubElement(graph, "edge", id=f"e{n}", source=s, target=t)
        ET.SubElement(edge, "data", key="events").text = str(events)
        ET.SubElement(edge, "data", key="score").text = f"{score:g}"
    return root


def _gexf(nodes: list[tuple], edges: list[tuple]) -> ET.Element:
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    graph = ET.SubElement(root, "graph", defaultedgetype="directed")
    attrs = ET.SubElement(graph, "attributes", {"class": "node"})
    for n, key in enumerate(("kind", "code", "sector")):
        ET.SubElement(attrs, "attribute", id=str(n), title=key, type="string")
    eattrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    ET.SubElement(eattrs, "attribute", id="0", title="score", type="double")
    node_list = ET.SubElement(graph, "nodes")
    for actor_id, name, *fields in nodes:
        node = ET.SubElement(node_list, "node", id=actor_id, label=name or actor_id)
        values = ET.SubElement(node, "attvalues")
        for n, value in enumerate(fields):
            ET.SubElement(values, "attvalue", {"for": str(n), "value": "" if value is None else str(value)})
    edge_list = ET.SubElement(graph, "edges")
    for n, (s, t, events, score) in enumerate(edges):
        edge = ET.SubElement(edge_list, "edge", id=str(n), source=s, target=t, weight=str(events))
        values = ET.SubElement(edge, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "0", "value": f"{score:g}"})
    return root
