"""A dataset full of hostile text: every label, description, note and source tries to run script."""
from conftest import write_folder

XSS = [
    "<img src=x onerror=\"window.__pwned=1;alert(1)\">",
    "</script><script>window.__pwned=2</script>",
    "<svg/onload=window.__pwned=3>",
    "\"><iframe src=javascript:window.__pwned=4>",
    "{{title}} ${window.__pwned=5} &amp; &lt;b&gt;",
]


def hostile_folder(root):
    nodes = ["id,kind,label,description,source"]
    for i, text in enumerate(XSS):
        q = text.replace('"', '""')
        nodes.append(f'C{i},country,"{q}","{q}","javascript:window.__pwned={10 + i}"')
    nodes.append('"<b>id</b>",framework,"<script>window.__pwned=20</script>","plain","https://www.nato.int/<script>"')
    edges = ["country,framework,since,until,source,note"]
    for i, text in enumerate(XSS):
        q = text.replace('"', '""')
        edges.append(f'C{i},"<b>id</b>",{2000 + i},,"javascript:alert({i})","{q}"')
    return write_folder(root, {"nodes.csv": "\n".join(nodes) + "\n", "memberships.csv": "\n".join(edges) + "\n"})
