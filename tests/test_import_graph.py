"""No circle of imports inside `apps/`, and the apps know one another only as DESIGN's arrows say.

Every module under apps/ is parsed with `ast`, and every `import` and `from ... import ...` counts,
at module level or inside a function: a late import hides a circle from Python, not from the
design. Migrations are left out (they are frozen history).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Which app may import which, as docs/architecture (DESIGN) draws the arrows: each app's direct
# dependencies; an app may also import what those depend on. `api` may import any app.
DEPENDS_ON = {
    "core": set(),
    "accounts": {"core"},
    "productions": {"accounts"},
    "budgets": {"productions"},
    "schedules": {"productions"},
    "vendors": {"budgets"},
    "crew": {"budgets", "schedules"},
    "development": {"budgets"},
    "callsheets": {"schedules", "crew"},
    "casting": {"schedules", "crew", "budgets"},
    "daily_reports": {"callsheets", "schedules", "crew", "budgets"},
    "payroll": {"crew", "budgets"},
    "post": {"vendors", "budgets", "crew"},
}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def find_modules(root: Path) -> dict[str, Path]:
    return {
        module_name(path, root): path
        for path in sorted((root / "apps").rglob("*.py"))
        if "migrations" not in path.parts
    }


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module `name` stands for: itself, or the module holding the name imported from it."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, modules: dict[str, Path]) -> set[str]:
    """The apps.* modules that `module` imports, anywhere in its body."""
    path = modules[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: `from . import x`, `from ..models import y`
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            # `from package import module` imports the submodule; `from module import name`, the
            # module itself.
            names = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            if name == "apps" or name.startswith("apps."):
                target = _resolve(name, modules)
                if target is not None:
                    found.add(target)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    modules = find_modules(root)
    return {module: imports_of(module, modules) for module in modules}


@cache
def project_graph() -> dict[str, set[str]]:
    return import_graph(ROOT)


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(sorted(graph[root])))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
    return components


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another (directly or round a loop), and each module
    that imports itself."""
    found = [component for component in strongly_connected(graph) if len(component) > 1]
    found += [[module] for module, targets in graph.items() if module in targets]
    return sorted(found)


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def allowed(app: str) -> set[str]:
    """The apps `app` may import: its dependencies and theirs."""
    seen: set[str] = set()
    todo = list(DEPENDS_ON[app])
    while todo:
        other = todo.pop()
        if other not in seen:
            seen.add(other)
            todo.extend(DEPENDS_ON[other])
    return seen | {app}


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_the_graph_counts_function_level_relative_and_submodule_imports(tmp_path):
    _write(
        tmp_path,
        {
            "apps/__init__.py": "",
            "apps/x/__init__.py": "",
            "apps/x/a.py": "def late():\n    from . import b\n",
            "apps/x/b.py": "from apps.x.c import thing\n",
            "apps/x/c.py": "import apps.x.a\nthing = 1\n",
            "apps/x/d.py": "from apps.x.d import itself\n",
            "apps/x/e.py": "from ..x import a\nimport os\n",
            "apps/x/migrations/0001_initial.py": "from apps.x import a\n",
        },
    )
    graph = import_graph(tmp_path)
    assert graph["apps.x.a"] == {"apps.x.b"}
    assert graph["apps.x.e"] == {"apps.x.a"}
    assert "apps.x.migrations.0001_initial" not in graph
    assert circles(graph) == [["apps.x.a", "apps.x.b", "apps.x.c"], ["apps.x.d"]]


def test_no_module_in_apps_is_part_of_a_circle_of_imports():
    found = circles(project_graph())
    assert not found, "circles of imports inside apps/:\n" + "\n".join(
        " <-> ".join(component) for component in found
    )


def test_every_app_has_its_place_in_the_layering():
    apps = {app_of(module) for module in project_graph()} - {None}
    assert apps - DEPENDS_ON.keys() <= {"api"}, "add the new app to DEPENDS_ON as DESIGN draws it"


def layering_violations(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in sorted(graph.items()):
        app = app_of(module)
        if app is None or app == "api":
            continue
        for target in sorted(targets):
            other = app_of(target)
            if other is not None and other not in allowed(app):
                wrong.append(f"{module} -> {target}")
    return wrong


def test_the_layering_check_names_an_import_going_up():
    graph = {
        "apps.budgets.queries": {"apps.productions.models", "apps.crew.models"},
        "apps.crew.models": {"apps.budgets.models", "apps.schedules.models"},
        "apps.api.views": {"apps.crew.models"},
    }
    assert layering_violations(graph) == ["apps.budgets.queries -> apps.crew.models"]


def test_no_app_imports_an_app_above_it():
    wrong = layering_violations(project_graph())
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)


def test_the_layering_keeps_the_kernel_and_the_tenant_free_of_domain_apps():
    assert allowed("core") == {"core"}
    assert allowed("productions") == {"core", "accounts", "productions"}
    assert not allowed("budgets") & {"vendors", "crew", "schedules", "callsheets"}
