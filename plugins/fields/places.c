/* fields plugin: which province, city and district a department's name
 * places it in.
 *
 * Place knowledge is data (data/places.tsv, see data/SOURCES.md): every
 * province-level division, prefecture-level city and county-level district.
 * A name is read from its start: an optional party prefix (中共, 中国共产党),
 * then a province (江苏省), a city (深圳市; 北京市 is both), then a district
 * of that city written in full (普陀区) or, for a city bureau's district
 * branch, by its short name (福州市鼓楼生态环境局, …局宝安管理局). Words that
 * only look like places (开发区, 全市) are not in the data and never match. */
#include "fields-private.h"

#include <string.h>

typedef struct {
  char *province, *city, *district, *short_name;
} Place;

typedef struct {
  GPtrArray *rows;            /* Place*, file order */
  GHashTable *provinces;      /* name → "1" */
  GHashTable *cities;         /* city name → Place* (its first row) */
  GHashTable *districts;      /* district name → GPtrArray of Place* */
} Places;

static void
place_free (gpointer p)
{
  Place *pl = p;
  g_free (pl->province), g_free (pl->city), g_free (pl->district);
  g_free (pl->short_name);
  g_free (pl);
}

static void
index_place (Places *ps, Place *pl)
{
  g_hash_table_replace (ps->provinces, pl->province, (gpointer) "1");
  if (*pl->city && !g_hash_table_contains (ps->cities, pl->city))
    g_hash_table_insert (ps->cities, pl->city, pl);
  if (!*pl->district)
    return;
  GPtrArray *same = g_hash_table_lookup (ps->districts, pl->district);
  if (!same)
    {
      same = g_ptr_array_new ();
      g_hash_table_insert (ps->districts, pl->district, same);
    }
  g_ptr_array_add (same, pl);
}

static Places *
places_load (void)
{
  Places *ps = g_new0 (Places, 1);
  ps->rows = g_ptr_array_new_with_free_func (place_free);
  ps->provinces = g_hash_table_new (g_str_hash, g_str_equal);
  ps->cities = g_hash_table_new (g_str_hash, g_str_equal);
  ps->districts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) rows = bp_data_rows ("places.tsv", 4);
  if (!rows)
    {
      g_warning ("place list places.tsv not found: no city or district is read");
      return ps;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = rows->pdata[i];
      Place *pl = g_new0 (Place, 1);
      pl->province = g_strdup (f[0]), pl->city = g_strdup (f[1]);
      pl->district = g_strdup (f[2]), pl->short_name = g_strdup (f[3]);
      g_ptr_array_add (ps->rows, pl);
      index_place (ps, pl);
    }
  return ps;
}

static const Places *
places (void)
{
  static gsize once;
  static Places *ps;
  if (g_once_init_enter (&once))
    {
      ps = places_load ();
      g_once_init_leave (&once, 1);
    }
  return ps;
}

/* Byte length of the longest key of TABLE that S starts with (names of 2 to
 * 12 characters), or 0. */
static gsize
longest_prefix (GHashTable *table, const char *s)
{
  gsize best = 0;
  const char *p = s;
  for (int n = 1; n <= 12 && *p; n++)
    {
      p = g_utf8_next_char (p);
      g_autofree char *head = g_strndup (s, p - s);
      if (n >= 2 && g_hash_table_contains (table, head))
        best = p - s;
    }
  return best;
}

/* The district written in full at the start of S (普陀区…), of CITY or
 * PROVINCE when given: its name (NULL if none), and in *ONLY its row when
 * one place has that name. Two-character names (城区, 郊区) are words too
 * often to be read as places. */
static char *
district_in_full (const Places *ps, const char *province, const char *city,
                  const char *s, const Place **only)
{
  gsize len = longest_prefix (ps->districts, s);
  *only = NULL;
  if (!len || g_utf8_strlen (s, len) < 3)
    return NULL;
  char *name = g_strndup (s, len);
  GPtrArray *same = g_hash_table_lookup (ps->districts, name);
  guint n = 0;
  for (guint i = 0; i < same->len; i++)
    {
      const Place *pl = same->pdata[i];
      if ((city && !g_str_equal (pl->city, city))
          || (province && !g_str_equal (pl->province, province)))
        continue;
      n++, *only = pl;
    }
  if (n != 1)   /* 普陀区 of 上海市 or 舟山市: not knowable from the name */
    *only = NULL;
  if (!n)
    g_clear_pointer (&name, g_free);
  return name;
}

/* A city bureau's branch named by the district's short name, right after
 * the city or after a bureau: 福州市鼓楼生态环境局, 深圳市规划和自然资源局
 * 宝安管理局. What follows the short name is the branch's own name, ending
 * in 局; a river, hill or road named like the district does not. */
static const Place *
district_by_short_name (const Places *ps, const char *city, const char *s)
{
  for (guint i = 0; i < ps->rows->len; i++)
    {
      const Place *pl = ps->rows->pdata[i];
      if (!*pl->short_name || !g_str_equal (pl->city, city))
        continue;
      for (const char *at = strstr (s, pl->short_name); at;
           at = strstr (at + 1, pl->short_name))
        {
          const char *rest = at + strlen (pl->short_name);
          gboolean after_city_or_bureau = at == s
              || (at - s >= 3 && !strncmp (at - 3, "局", 3));
          if (after_city_or_bureau
              && fields_match ("^(?![江河湖山海港湾路桥岛街镇村])\\p{Han}{0,8}局"
                               "(?:[(（][^)）]*[)）])?$", rest, NULL))
            return pl;
        }
    }
  return NULL;
}

static void
set_place (FieldsPlace *out, const char *province, const char *city,
           const char *district)
{
  g_free (out->province), g_free (out->city), g_free (out->district);
  out->province = province && *province ? g_strdup (province) : NULL;
  out->city = city && *city ? g_strdup (city) : NULL;
  out->district = district && *district ? g_strdup (district) : NULL;
}

gboolean
fields_place_of_name (const char *name, FieldsPlace *out)
{
  const Places *ps = places ();
  g_autofree char *norm = fields_norm (name);
  const char *s = norm;
  memset (out, 0, sizeof *out);
  if (g_str_has_prefix (s, "中国共产党"))
    s += strlen ("中国共产党");
  else if (g_str_has_prefix (s, "中共"))
    s += strlen ("中共");

  g_autofree char *province = NULL;
  const char *city = NULL;
  gsize n = longest_prefix (ps->provinces, s);
  if (n)
    {
      province = g_strndup (s, n);
      if (g_hash_table_contains (ps->cities, province))
        city = ((const Place *) g_hash_table_lookup (ps->cities, province))->city;
      s += n;
    }
  if (!city && (n = longest_prefix (ps->cities, s)))
    {
      g_autofree char *c = g_strndup (s, n);
      const Place *pl = g_hash_table_lookup (ps->cities, c);
      if (!province || g_str_equal (province, pl->province))
        city = pl->city, s += n;
    }
  const Place *d = NULL;
  g_autofree char *district = district_in_full (ps, province, city, s, &d);
  if (!district && city && (d = district_by_short_name (ps, city, s)))
    district = g_strdup (d->district);
  if (d)
    set_place (out, d->province, d->city, d->district);
  else if (city)
    set_place (out, province ? province
                             : ((const Place *) g_hash_table_lookup (ps->cities, city))->province,
               city, district);
  else
    set_place (out, province, NULL, district);
  return out->province || out->city || out->district;
}

void
fields_place_clear (FieldsPlace *p)
{
  g_clear_pointer (&p->province, g_free);
  g_clear_pointer (&p->city, g_free);
  g_clear_pointer (&p->district, g_free);
}

GPtrArray *
fields_place_cities_of (const char *district)
{
  const Places *ps = places ();
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *same = district ? g_hash_table_lookup (ps->districts, district) : NULL;
  for (guint i = 0; same && i < same->len; i++)
    {
      const Place *pl = same->pdata[i];
      if (*pl->city)
        g_ptr_array_add (out, pl->city);
    }
  return out;
}
