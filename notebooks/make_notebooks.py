"""Writes the four walkthrough notebooks (without outputs) beside this file: python notebooks/make_notebooks.py"""
import nbformat as nbf
from pathlib import Path

def nb(cells):
    book = nbf.v4.new_notebook()
    book.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}}
    book.cells = [nbf.v4.new_markdown_cell(c[1]) if c[0] == "md" else nbf.v4.new_code_cell(c[1]) for c in cells]
    for i, cell in enumerate(book.cells):
        cell["id"] = f"cell-{i:02d}"
    return book

tour = nb([
 ("md", "# A tour of NATO's partnerships\n\nThis notebook walks through the dataset bundled with partnergraph: NATO's partnerships with non-member countries, each fact sourced to a nato.int page (see `data/README.md` for how they were checked and what is still missing). Everything here is a pandas DataFrame or a networkx graph, so you can take any step further with the tools you already know."),
 ("code", "import partnergraph as pg\nimport matplotlib.pyplot as plt\n\nnato = pg.load()\nnato"),
 ("md", "## What is in it\n\n`pg.info` counts nodes per kind and edges per relation, and says how many of them are dated and sourced."),
 ("code", "summary = pg.info(nato, as_of=2024)\nsummary[\"relations\"]"),
 ("code", "summary[\"kinds\"]"),
 ("md", "## The map\n\nThe interactive map shows the network at the end of 2024. Move the year slider to watch it change, type a country into *Find*, tick kinds and relations on and off, and click a node for its sources."),
 ("code", "pg.network_map(nato, as_of=2024)"),
 ("md", "## Who is central?\n\nOn the whole graph, the frameworks with the most links are the Euro-Atlantic ones. Degree centrality is the share of the other nodes a node is linked to."),
 ("code", "pg.centrality(nato, \"degree\", kind=\"framework\", as_of=2024, top=5)"),
 ("md", "Projected onto countries (two countries are linked when they share a framework, weighted by how many they share), PageRank shows which partners sit in the most overlapping frameworks."),
 ("code", "pg.centrality(nato, \"pagerank\", project=\"country\", kind=\"country\", as_of=2024, top=8)"),
 ("md", "## Membership over time\n\nThe Partnership for Peace grew quickly after 1994 and shrank as partners joined NATO itself: `pg.timeline` counts, year by year, the memberships that began, ended and held."),
 ("code", "pfp = pg.timeline(nato, framework=\"pfp\", as_of=2025)\npfp.tail()"),
 ("code", "fig, ax = plt.subplots(figsize=(8, 3.5))\nfor framework in [\"pfp\", \"eapc\", \"md\", \"ici\", \"pag\"]:\n    t = pg.timeline(nato, framework=framework, as_of=2025)\n    ax.step(t[\"year\"], t[\"members\"], where=\"post\", label=framework)\nax.set_xlabel(\"year\")\nax.set_ylabel(\"members at the end of the year\")\nax.legend(ncol=5, fontsize=8)\nax.set_title(\"Partner countries per framework\")\nplt.show()"),
 ("md", "From 2002 on the EAPC's line covers the PfP's: since Tajikistan signed the PfP Framework Document that year, the two have had the same partners. The drops are the enlargement rounds of 1999, 2004, 2009, 2017, 2020, 2023 and 2024, when partners became Allies."),
 ("md", "Who left the Partnership for Peace, and why? Every ended membership has its `until` date and a status."),
 ("code", "history = pg.members(nato, \"pfp\", history=True)\nhistory[history[\"until\"].notna()]"),
 ("md", "What changed between two dates: `pg.diff` lists the edges that appeared and disappeared, and the frameworks that began or ended (relation `nodes`)."),
 ("code", "changes = pg.diff(nato, 2022, 2024)\nchanges[changes[\"relation\"].isin([\"nodes\", \"memberships\"])]"),
 ("md", "## Time and status\n\nEvery answer is as of a date, and three rules decide what holds on it.\n\n- **Nodes have lifetimes.** A framework exists from its launch to its end (`since`/`until` in `nodes.csv`), and a tie holds only while its own dates *and* both ends' lifetimes hold it. The Istanbul Cooperation Initiative was launched on 28 June 2004, so it is not a row of the 2003 matrix, and the NATO-Ukraine Commission's ties end with it on 12 July 2023.\n- **Suspended is not active.** Russia's memberships since 1 April 2014 are marked `suspended`: `pg.members` lists them with that status, but coverage, reach, centrality and the other analyses of who *does* something leave them out unless you pass `include_suspended=True`.\n- **The data says how far it reaches.** The bundled `datapackage.json` declares the years the data speaks for; a question outside them is still answered, with a `pg.CoverageWarning`. With no date given, every function (and every file written) uses the end of that coverage: the same answer on any day."),
 ("code", "pg.coverage_matrix(nato, as_of=2003).index.tolist(), pg.coverage_matrix(nato, as_of=2024).index.tolist()"),
 ("code", "members = pg.members(nato, \"pfp\", as_of=2020)\nmembers[members[\"status\"] != \"active\"]"),
 ("code", "len(pg.reach(nato, \"RUS\", as_of=2010)), len(pg.reach(nato, \"RUS\", as_of=2020)), len(pg.reach(nato, \"RUS\", as_of=2020, include_suspended=True))"),
 ("code", "import warnings\nwith warnings.catch_warnings(record=True) as caught:\n    warnings.simplefilter(\"always\")\n    pg.members(nato, \"pfp\", as_of=1985)\nprint(caught[0].message)\nprint(\"default date:\", nato.default_date())"),
])

coverage = nb([
 ("md", "# Coverage and gaps: which frameworks cover which threats, and through what\n\nA framework *covers* a threat directly (a `covers` edge, when a NATO page states it) or through an activity it offers that addresses the threat (`offers` then `addresses`). Each cell of the matrix counts those paths, and every path can be explained down to the sources of its edges."),
 ("code", "import partnergraph as pg\nfrom partnergraph.export import coverage_heatmap\n\nnato = pg.load()\nmatrix = pg.coverage_matrix(nato, as_of=2024)\nmatrix"),
 ("code", "coverage_heatmap(matrix, title=\"Paths from frameworks to threats, end of 2024\")"),
 ("md", "## One cell, explained\n\nWhy does the Istanbul Cooperation Initiative count seven paths to terrorism? Each line is one edge of a path, with the page that supports it."),
 ("code", "paths = pg.coverage_paths(nato, \"ici\", \"terrorism\", as_of=2024)\npaths[[\"path\", \"via\", \"from\", \"to\", \"relation\", \"source\"]]"),
 ("md", "## Gaps\n\nThreats covered by the fewest frameworks come first. Border security rests on the EAPC and the Partnership for Peace alone."),
 ("code", "pg.gaps(nato, as_of=2024)"),
 ("md", "## One country's reach\n\nThe threats Jordan engages on through the frameworks it belongs to."),
 ("code", "pg.reach(nato, \"JOR\", as_of=2024)"),
 ("md", "## What if a programme went away?\n\nRemoving the Science for Peace and Security programme shows which framework-threat pairs and which countries' reach depend on it alone."),
 ("code", "lost = pg.whatif(nato, \"science-for-peace-and-security\", as_of=2024)\nlost.groupby(\"lost\").size()"),
 ("code", "lost[lost[\"lost\"] == \"coverage\"]"),
])

byo = nb([
 ("md", "# Bring your own data\n\npartnergraph works on any folder of CSV files that follows its data contract: `nodes.csv` (optional) and one edge list per relation, whose first two headers are the kinds of its endpoints. Here we build a small dataset for a made-up regional alliance, in a temporary folder, make a mistake, let `pg.validate` find it, fix it and map the result. The kinds need not be countries and frameworks."),
 ("code", "import tempfile\nfrom pathlib import Path\n\nimport partnergraph as pg\n\nfolder = Path(tempfile.mkdtemp()) / \"alliance\"\nfolder.mkdir()\n(folder / \"nodes.csv\").write_text(\n    \"id,kind,label\\n\"\n    \"north,member,Northland\\nsouth,member,Southland\\neast,member,Eastland\\n\"\n    \"coastal,programme,Coastal Watch\\ncyberdesk,programme,Cyber Desk\\n\"\n    \"drills,measure,Joint drills\\nhotline,measure,Incident hotline\\n\"\n    \"piracy,hazard,Piracy\\nransomware,hazard,Ransomware\\n\"\n)\n(folder / \"enrolled.csv\").write_text(\n    \"member,programme,since,until,source\\n\"\n    \"north,coastal,2015,,https://example.org/charter\\n\"\n    \"south,coastal,2016,2021,https://example.org/charter\\n\"\n    \"south,cyberdesk,20l9,,https://example.org/cyber\\n\"\n    \"east,cyberdesk,2020,,https://example.org/cyber\\n\"\n)\n(folder / \"uses.csv\").write_text(\"programme,measure\\ncoastal,drills\\ncyberdesk,hotline\\n\")\n(folder / \"mitigates.csv\").write_text(\"measure,hazard\\ndrills,piracy\\nhotline,ransomware\\n\")\nsorted(p.name for p in folder.iterdir())"),
 ("md", "`pg.validate` lists every problem with its file, spreadsheet row and column. One `since` has a letter l where a 1 should be:"),
 ("code", "for problem in pg.validate(folder):\n    print(problem)"),
 ("md", "`pg.load` refuses the folder with the same message, as a `pg.DataError` carrying the row and column:"),
 ("code", "try:\n    pg.load(folder)\nexcept pg.DataError as err:\n    print(f\"{err.row=} {err.column=}\")\n    print(err)"),
 ("md", "Fix the cell and the folder loads."),
 ("code", "text = (folder / \"enrolled.csv\").read_text().replace(\"20l9\", \"2019\")\n(folder / \"enrolled.csv\").write_text(text)\nassert pg.validate(folder) == []\nalliance = pg.load(folder)\nalliance.edges"),
 ("md", "The analysis takes the dataset's own kinds: programmes cover hazards through measures."),
 ("code", "kinds = dict(rows=\"programme\", cols=\"hazard\", via=\"measure\")\npg.coverage(alliance, **kinds, as_of=2022)"),
 ("code", "pg.reach(alliance, \"south\", **kinds, as_of=2018), pg.reach(alliance, \"south\", **kinds, as_of=2022)"),
 ("md", "Time works the same on your data. Give a programme a lifetime in `nodes.csv` and every tie to it ends with it; declare the years your data speaks for in a `datapackage.json`, and questions outside them are answered with a warning. Here the Cyber Desk closes at the end of 2023 and the data covers 2015 to 2024."),
 ("code", "import json\nnodes = (folder / \"nodes.csv\").read_text().replace(\"id,kind,label\\n\", \"id,kind,label,since,until\\n\")\nnodes = \"\\n\".join(line + (\",,\" if i else \"\") for i, line in enumerate(nodes.splitlines()))\nnodes = nodes.replace(\"cyberdesk,programme,Cyber Desk,,\", \"cyberdesk,programme,Cyber Desk,2019,2023\") + \"\\n\"\n(folder / \"nodes.csv\").write_text(nodes)\n(folder / \"datapackage.json\").write_text(json.dumps({\"title\": \"A made-up alliance\", \"partnergraph\": {\"coverage\": {\"start\": 2015, \"end\": 2024}}}))\nalliance = pg.load(folder)\npg.members(alliance, \"cyberdesk\", kind=\"member\", as_of=2022)[\"id\"].tolist(), pg.members(alliance, \"cyberdesk\", kind=\"member\", as_of=2024)[\"id\"].tolist()"),
 ("code", "pg.network_map(alliance)"),
])

portfolios = nb([
 ("md", "# Partnership portfolios\n\nHow alike are two states' partnership portfolios, who is structurally equivalent, and how does the network's shape change year by year? This notebook uses the methods of the alliance literature on the bundled NATO data, then on a small made-up alliance. Each is a plain function returning a DataFrame, and each answers as of a date."),
 ("code", "import partnergraph as pg\n\nnato = pg.load()\npg.similarity(nato, a=\"GEO\", b=\"UKR\", as_of=2024)"),
 ("md", "## Similarity: S, and S corrected for chance\n\nSignorino and Ritter's S compares two portfolios over every framework alive on the date: `1 - 2d/d_max`, with `d` the frameworks one has and the other has not. Georgia and Ukraine share 4 of their 6 frameworks each, out of 17: S = 1 - 2 x 4 / 17. Shared absences raise S, so Häge (2011) corrects it for the agreement chance alone would give: Cohen's kappa and Scott's pi. The same pairs ranked both ways:"),
 ("code", "s = pg.similarity(nato, a=\"JPN\", as_of=2024).set_index(\"b\")[\"similarity\"]\nkappa = pg.similarity(nato, a=\"JPN\", method=\"kappa\", as_of=2024).set_index(\"b\")[\"similarity\"]\nimport pandas as pd\npd.DataFrame({\"S\": s, \"kappa\": kappa}).sort_values(\"kappa\", ascending=False).head(8).round(3)"),
 ("md", "## Roles: who is structurally equivalent\n\nCountries grouped by alike portfolios (average-linkage clustering on S's distance), at the end of 2024:"),
 ("code", "roles = pg.roles(nato, groups=5, as_of=2024)\nroles.groupby(\"role\")[\"id\"].apply(\", \".join)"),
 ("code", "pg.network_map(nato, as_of=2024, color_by=\"role\", groups=5)"),
 ("md", "## A weighted projection and its backbone\n\nTwo countries linked by the frameworks they share: Newman's weighting counts a small framework for more than a large one, and the disparity filter keeps only the links significant for at least one end."),
 ("code", "full = pg.projection(nato, \"country\", via=\"framework\", weighting=\"newman\", as_of=2024)\nbone = pg.projection(nato, \"country\", via=\"framework\", weighting=\"newman\", backbone=0.3, as_of=2024)\nfull.number_of_edges(), bone.number_of_edges()"),
 ("code", "pg.communities(nato, project=\"country\", weighting=\"newman\", as_of=2024).groupby(\"community\")[\"id\"].apply(\", \".join)"),
 ("md", "## Structure over time\n\nOne row per year: ties, density of the countries-in-frameworks part and of its projection, transitivity, and churn (how much of the year's ties were not there the year before)."),
 ("code", "evolution = pg.evolution(nato, first=1991, last=2026)\nevolution[[\"year\", \"ties\", \"density\", \"projection_density\", \"transitivity\", \"churn\"]].iloc[::5].round(3)"),
 ("code", "from partnergraph.export.image import evolution_picture\nevolution_picture(evolution, title=\"NATO's partnerships, 1991-2026\")"),
 ("md", "## The same on a made-up alliance\n\nFive states in three alliances over time, written to a temporary folder (an ATOP import, `partnergraph import atop`, gives a folder of the same shape)."),
 ("code", "import tempfile\nfrom pathlib import Path\n\nfolder = Path(tempfile.mkdtemp()) / \"pacts\"\nfolder.mkdir()\n(folder / \"alliances.csv\").write_text(\n    \"state,alliance,since,until,source\\n\"\n    \"north,entente,1950,,https://example.org/1\\nsouth,entente,1950,1970,https://example.org/2\\n\"\n    \"east,entente,1960,,https://example.org/3\\nnorth,league,1955,,https://example.org/4\\n\"\n    \"west,league,1955,,https://example.org/5\\nsouth,pact,1970,,https://example.org/6\\n\"\n    \"centre,pact,1972,,https://example.org/7\\ncentre,league,1980,,https://example.org/8\\n\"\n)\npacts = pg.load(folder)\npg.similarity(pacts, \"state\", \"alliance\", as_of=1975)"),
 ("code", "pg.roles(pacts, \"state\", \"alliance\", groups=2, as_of=1985)"),
 ("code", "pg.evolution(pacts, \"state\", \"alliance\", first=1950, last=1990).iloc[::10]"),
])

out = Path(__file__).resolve().parent
for name, book in [("01-tour-of-nato-partnerships.ipynb", tour), ("02-coverage-and-gaps.ipynb", coverage),
                   ("03-bring-your-own-data.ipynb", byo), ("04-partnership-portfolios.ipynb", portfolios)]:
    nbf.validate(book)
    nbf.write(book, out / name)
    print("wrote", name)
