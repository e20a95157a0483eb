"""A portal page's content as front ends need it: absolute URLs, renditions."""

import nh3
from django.utils.html import format_html
from wagtail.images import get_image_model

from .models import PortalPage
from .references import owned_body

LOGO_SIZES = {"small": "max-160x160", "large": "max-640x640"}

# What a home page may hold once sanitised: the admin's rich text features (headings,
# emphasis, lists, links, images) and nothing that runs or frames. The editor keeps
# to them when staff type; a body written any other way (a command, the database)
# reaches every front end through this API, so the API enforces them itself.
HOME_TAGS = {
    *("p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote"),
    *("b", "strong", "i", "em", "u", "s", "sub", "sup", "code"),
    *("ul", "ol", "li", "a", "img"),
}
HOME_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "class"},
}
HOME_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def home_html(config, absolute_url, *, agency) -> str:
    """The HTML home page of a portal's configuration (home_pages.selectors), block
    by block; image sources made absolute for any front end. Only the agency's own
    images, documents and pages show (home_pages.references), and only the markup
    of HOME_TAGS: no script, handler, frame or style.
    """
    parts = []
    # Blocks resolved afresh from the raw content: the snapshot outlives requests,
    # and its images may have gone, or moved to another agency, since.
    field = PortalPage._meta.get_field("home_body")
    body = field.to_python(owned_body(field.stream_block, config.home_body, agency))
    for block in body:
        if block.block_type == "heading":
            parts.append(format_html("<h2>{}</h2>", block.value))
        elif block.block_type == "image":
            if block.value is None:  # the image was deleted since
                continue
            rendition = block.value.get_rendition("max-1200x1200")
            parts.append(
                format_html(
                    '<img src="{}" width="{}" height="{}" alt="{}">',
                    absolute_url(rendition.url),
                    rendition.width,
                    rendition.height,
                    block.value.default_alt_text or "",
                )
            )
        else:
            parts.append(str(block.render()))
    return nh3.clean(
        "\n".join(parts),
        tags=HOME_TAGS,
        attributes=HOME_ATTRIBUTES,
        url_schemes=HOME_URL_SCHEMES,
    )


def logo_urls(config, absolute_url) -> dict[str, str] | None:
    # Read afresh: the snapshot outlives requests (home_pages.selectors), and the
    # image may have been replaced or deleted since.
    if config.logo_id is None:
        return None
    logo = get_image_model().objects.filter(pk=config.logo_id).first()
    if logo is None:
        return None
    return {
        size: absolute_url(logo.get_rendition(spec).url)
        for size, spec in LOGO_SIZES.items()
    }
