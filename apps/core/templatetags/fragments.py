"""`{% fragment "name" part ... %}...{% endfragment %}`: a block kept in the fragment cache while
the stamps of the tables it read have not moved (apps/core/freshness.py). The key is the name, the
parts, the key of the context's `data_stamp` and the language. The tenant puts in `data_stamp` the
production, today's date in its time zone and the viewer's membership, so that a block may show
what this member may do, and the production's table stamps; with no `data_stamp` in the context
(a page outside a production) the block is rendered every time. Blocks may nest: the outer one
depends on the inner ones' tables too.

`{% fragment "name" part ... for_everyone %}` keeps one block for every member who may see the page
(its key names no member), so that the first member's visit, or a worker working it out ahead,
serves them all. Inside it the names that depend on who looks (`can`, `membership`, `user`,
`perms`, `request`, the menu) are hidden: using one raises, so such a block cannot show one
member's view to another.

Whatever else the block shows must follow from the key: pass as parts the objects the URL names (a
version, a call sheet) and the query string's choices. What the block reads should be lazy (a
`SimpleLazyObject`, a queryset), so that a hit runs none of it. A block may hold forms: it is kept
with a stand-in for the CSRF token, which each response replaces with its own.
"""

from django import template
from django.utils import translation
from django.utils.crypto import salted_hmac

from apps.core.freshness import fragment as cached_fragment

register = template.Library()

# Stands in for the CSRF token inside kept blocks: the same in every worker, since with
# FRAGMENT_CACHE_URL they share the kept blocks; nobody can guess it without the SECRET_KEY.
CSRF_STAND_IN = None


def csrf_stand_in() -> str:
    global CSRF_STAND_IN
    if CSRF_STAND_IN is None:
        CSRF_STAND_IN = f"csrf-stand-in-{salted_hmac('fragments.csrf', 'stand-in').hexdigest()}"
    return CSRF_STAND_IN


# What a block kept for every member may not use: each depends on who looks.
MEMBER_NAMES = ("can", "membership", "user", "perms", "request", "production_nav")


class NotForEveryone:
    """Stands in, inside a `for_everyone` block, for a name that depends on who looks."""

    def __init__(self, name: str):
        self.name = name

    def _refuse(self, *args):
        raise template.TemplateSyntaxError(
            f"a {{% fragment ... for_everyone %}} block is kept for every member: it cannot "
            f"use '{self.name}', which depends on who looks"
        )

    __getattr__ = __getitem__ = __bool__ = __str__ = __iter__ = __len__ = __html__ = _refuse


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts, for_everyone=False):
        self.nodelist = nodelist
        self.parts = parts
        self.for_everyone = for_everyone

    def render(self, context):
        parts = tuple(part.resolve(context) for part in self.parts)
        token = context.get("csrf_token")
        stand_in = csrf_stand_in()
        stamps = context.get("data_stamp")
        hidden = {}
        if self.for_everyone:
            stamps = stamps.for_everyone() if stamps is not None else None
            hidden = {name: NotForEveryone(name) for name in MEMBER_NAMES}
        with context.push(csrf_token=stand_in, **hidden):
            html = cached_fragment(
                stamps,
                (*parts, translation.get_language()),
                lambda: self.nodelist.render(context),
            )
        return html.replace(stand_in, str(token)) if stand_in in html else html


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()[1:]
    for_everyone = bits[-1:] == ["for_everyone"]
    if for_everyone:
        bits = bits[:-1]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits], for_everyone)
