"""The standard breakdown categories and their colours, as one table.

Colours follow the Movie Magic Scheduling / StudioBinder breakdown-sheet convention, so a
breakdown printed here reads the way a first AD expects: Cast red, Background green, Stunts
orange, Vehicles pink, Props violet, and so on. ``text`` is the readable ink on that colour.
"""

from django.db import models

from apps.schedules.importers.fountain import light_of


class Category(models.TextChoices):
    CAST = "cast", "Cast"
    BACKGROUND = "background", "Background"
    STUNTS = "stunts", "Stunts"
    VEHICLES = "vehicles", "Vehicles"
    PROPS = "props", "Props"
    CAMERA = "camera", "Camera"
    SPECIAL_EFFECTS = "special_effects", "Special Effects"
    WARDROBE = "wardrobe", "Wardrobe"
    MAKEUP_HAIR = "makeup_hair", "Makeup/Hair"
    ANIMALS = "animals", "Animals"
    ANIMAL_WRANGLER = "animal_wrangler", "Animal Wrangler"
    MUSIC = "music", "Music"
    SOUND = "sound", "Sound"
    ART_DEPARTMENT = "art_department", "Art Department"
    SET_DRESSING = "set_dressing", "Set Dressing"
    GREENERY = "greenery", "Greenery"
    SPECIAL_EQUIPMENT = "special_equipment", "Special Equipment"
    SECURITY = "security", "Security"
    ADDITIONAL_LABOR = "additional_labor", "Additional Labor"
    VFX = "vfx", "VFX"
    MECHANICAL_EFFECTS = "mechanical_effects", "Mechanical Effects"
    NOTES = "notes", "Notes"


# category: (background colour, text colour)
CATEGORY_COLOURS: dict[str, tuple[str, str]] = {
    Category.CAST: ("#e32636", "#ffffff"),  # red
    Category.BACKGROUND: ("#2e8b57", "#ffffff"),  # green (extras)
    Category.STUNTS: ("#ff8c00", "#000000"),  # orange
    Category.VEHICLES: ("#ff69b4", "#000000"),  # pink
    Category.PROPS: ("#8a2be2", "#ffffff"),  # violet
    Category.CAMERA: ("#a0522d", "#ffffff"),  # brown (special camera equipment)
    Category.SPECIAL_EFFECTS: ("#1e90ff", "#ffffff"),  # blue
    Category.WARDROBE: ("#00ced1", "#000000"),  # turquoise / circle
    Category.MAKEUP_HAIR: ("#ff1493", "#ffffff"),  # asterisk, deep pink
    Category.ANIMALS: ("#ffa07a", "#000000"),  # salmon
    Category.ANIMAL_WRANGLER: ("#e9967a", "#000000"),  # dark salmon
    Category.MUSIC: ("#b8860b", "#ffffff"),  # dark gold
    Category.SOUND: ("#8b4513", "#ffffff"),  # saddle brown
    Category.ART_DEPARTMENT: ("#6a5acd", "#ffffff"),  # slate blue
    Category.SET_DRESSING: ("#cd853f", "#000000"),  # tan
    Category.GREENERY: ("#006400", "#ffffff"),  # dark green
    Category.SPECIAL_EQUIPMENT: ("#4b0082", "#ffffff"),  # indigo (boxed)
    Category.SECURITY: ("#708090", "#ffffff"),  # slate grey
    Category.ADDITIONAL_LABOR: ("#d2b48c", "#000000"),  # light tan
    Category.VFX: ("#9370db", "#ffffff"),  # medium purple
    Category.MECHANICAL_EFFECTS: ("#5f9ea0", "#ffffff"),  # cadet blue
    Category.NOTES: ("#d3d3d3", "#000000"),  # grey
}

# Strip colours: INT/EXT x DAY/NIGHT (the stripboard convention).
STRIP_COLOURS = {
    ("INT", "DAY"): ("#ffffff", "#000000"),
    ("EXT", "DAY"): ("#fff176", "#000000"),
    ("INT", "NIGHT"): ("#64b5f6", "#000000"),
    ("EXT", "NIGHT"): ("#81c784", "#000000"),
}


def strip_key(int_ext: str, time_of_day: str, day_night: str = "") -> tuple[str, str]:
    """INT/EXT counts as EXT (it needs the exterior's light); dusk and evening count as night.

    The light is the scene's stored day/night when it has one, else what the writer's words say
    ("LATER THAT MORNING" is day, "NIGHT (1973)" night), else day.
    """
    side = "EXT" if "EXT" in (int_ext or "") else "INT"
    return side, (day_night or light_of(time_of_day) or "DAY")
