import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';

/**
 * A deliberately small SVG vocabulary for inline diagrams and icons: shapes, text and gradients.
 * Left out on purpose: `script`, `style`, `foreignObject` and `title`/`desc` (HTML integration
 * points that mutation-XSS payloads use), `a`, `use`, `image` and `feImage` (they load URLs),
 * `animate`/`set` (they can rewrite attributes such as `href` after sanitizing).
 */
const svgTags = [
  'svg', 'g', 'path', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'rect',
  'text', 'tspan', 'defs', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask',
];
const svgAttributes = [
  'viewBox', 'preserveAspectRatio', 'xmlns', 'fill', 'fillOpacity', 'fillRule', 'clipRule', 'clipPath', 'mask',
  'stroke', 'strokeWidth', 'strokeOpacity', 'strokeLinecap', 'strokeLinejoin', 'strokeDasharray', 'strokeDashoffset',
  'strokeMiterlimit', 'opacity', 'transform', 'd', 'cx', 'cy', 'r', 'rx', 'ry', 'x', 'y', 'x1', 'y1', 'x2', 'y2',
  'dx', 'dy', 'points', 'offset', 'stopColor', 'stopOpacity', 'gradientUnits', 'gradientTransform', 'fx', 'fy',
  'textAnchor', 'dominantBaseline', 'fontSize', 'fontFamily', 'fontWeight', 'role', 'ariaHidden', 'focusable',
];

/** Dropped together with everything inside them, rather than unwrapped into text. */
const stripWithContent = [
  'script', 'style', 'template', 'noscript', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes',
  'object', 'embed', 'applet', 'math', 'foreignObject', 'select', 'option',
];

/** Form-related attributes are pointless without forms and one of them (`action`) carries a URL. */
const formAttributes = new Set(['accept', 'acceptCharset', 'action', 'encType', 'method']);

const globalAttributes = (defaultSchema.attributes?.['*'] ?? []).filter(
  (attribute) => !formAttributes.has(typeof attribute === 'string' ? attribute : attribute[0]),
);

/**
 * The sanitizer that every page goes through before any trusted decoration (permalinks, syntax
 * colours, tab buttons) is added. Based on GitHub's rules with these changes:
 *
 * - `clobberPrefix: ''` keeps heading ids as written, so `#anchor` links and the table of
 *   contents work (the default `user-content-` prefix breaks them);
 * - any `class` is allowed (admonitions, tabs, `language-*`), never `style`;
 * - `href` may be http(s), mailto or relative; `src` may also be `data:` (narrowed to images later);
 * - `picture`/`source` (and so `srcset`) are removed, and a safe SVG subset is added.
 */
export const docsSanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
  tagNames: [
    ...(defaultSchema.tagNames ?? []).filter((tag) => tag !== 'picture' && tag !== 'source'),
    'mark', 'abbr', 'u', 'small', 'cite', 'figure', 'figcaption', 'caption', 'colgroup', 'col',
    ...svgTags,
  ],
  strip: stripWithContent,
  attributes: {
    ...Object.fromEntries(Object.entries(defaultSchema.attributes ?? {}).filter(([tag]) => tag !== 'source')),
    '*': [...globalAttributes, 'className'],
    div: [...(defaultSchema.attributes?.div ?? []), 'dataTabLabel', 'dataTabSelected'],
    img: [...(defaultSchema.attributes?.img ?? []), 'loading'],
    ...Object.fromEntries(svgTags.map((tag) => [tag, svgAttributes])),
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https', 'data'],
  },
};
