package dev.podsift.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates the small subset of Python that feedparser's test expectations use ({@code not bozo and
 * entries[0]['title'] == u'x'}) against a view of Podsift's parse. Whatever the view does not model raises
 * {@link NotApplicable} with the reason, so a case is counted as not applicable rather than silently passed.
 */
final class PyExpr {
    /** The expectation names something Podsift's model does not have. */
    static final class NotApplicable extends RuntimeException {
        NotApplicable(String why) {
            super(why);
        }
    }

    /** A value read from Podsift's model as text: compared with HTML and whitespace normalised away. */
    record Text(String value) {
    }

    private static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private final String src;
    private final Map<String, Object> names;
    private int pos;

    private PyExpr(String src, Map<String, Object> names) {
        this.src = src;
        this.names = names;
    }

    /** True when {@code expr} holds over {@code names}; KeyError/IndexError count as false, like a failed test. */
    static boolean holds(String expr, Map<String, Object> names) {
        PyExpr p = new PyExpr(expr.trim(), names);
        try {
            Object v = p.or();
            p.ws();
            if (p.pos != p.src.length()) {
                throw new NotApplicable("unsupported syntax near '" + p.src.substring(p.pos) + "'");
            }
            return truthy(v);
        } catch (LookupError e) {
            return false;
        }
    }

    private static final class LookupError extends RuntimeException {
        LookupError(String m) {
            super(m);
        }
    }

    private Object or() {
        Object v = and();
        while (word("or")) {
            Object r = and();
            v = truthy(v) ? v : r;
        }
        return v;
    }

    private Object and() {
        Object v = not();
        while (word("and")) {
            if (!truthy(v)) {
                not(); // still parsed, for syntax; Python would short-circuit
                continue;
            }
            v = not();
        }
        return v;
    }

    private Object not() {
        if (word("not")) {
            return !truthy(not());
        }
        return comparison();
    }

    private Object comparison() {
        Object left = postfix();
        ws();
        if (src.startsWith("==", pos)) {
            pos += 2;
            return eq(left, postfix());
        }
        if (src.startsWith("!=", pos)) {
            pos += 2;
            return !eq(left, postfix());
        }
        if (word("is")) {
            boolean negate = word("not");
            Object right = postfix();
            boolean same = right == NONE ? left == NONE || left == null : Objects.equals(left, right);
            return negate != same;
        }
        if (word("in")) {
            Object right = postfix();
            if (right instanceof List<?> l) {
                return l.stream().anyMatch(x -> eq(left, x));
            }
            if (right instanceof Map<?, ?> m) {
                return m.containsKey(left);
            }
            return str(right).contains(str(left));
        }
        return left;
    }

    private Object postfix() {
        Object v = atom();
        while (true) {
            ws();
            if (peek('[')) {
                pos++;
                Object key = or();
                expect(']');
                v = index(v, key);
            } else if (peek('.')) {
                pos++;
                String attr = name();
                if (attr.equals("get") && v instanceof Map<?, ?> m) {
                    expect('(');
                    Object key = or();
                    Object dflt = NONE;
                    ws();
                    if (peek(',')) {
                        pos++;
                        dflt = or();
                    }
                    expect(')');
                    v = m.containsKey(key) ? m.get(key) : dflt;
                } else {
                    throw new NotApplicable("attribute ." + attr);
                }
            } else if (peek('(') && v instanceof String fn && fn.startsWith("fn:")) {
                pos++;
                Object arg = or();
                expect(')');
                v = call(fn.substring(3), arg);
            } else {
                return v;
            }
        }
    }

    private Object call(String fn, Object arg) {
        return switch (fn) {
            case "len" -> arg instanceof List<?> l ? (long) l.size() : arg instanceof Map<?, ?> m ? (long) m.size()
                    : (long) str(arg).length();
            case "ord" -> (long) str(arg).codePointAt(0);
            default -> throw new NotApplicable("function " + fn);
        };
    }

    @SuppressWarnings("unchecked")
    private Object index(Object v, Object key) {
        if (v instanceof List<?> l && key instanceof Long i) {
            int k = (int) (long) i;
            if (k < 0) {
                k += l.size();
            }
            if (k < 0 || k >= l.size()) {
                throw new LookupError("index " + i);
            }
            return l.get(k);
        }
        if (v instanceof Map<?, ?> m) {
            if (m.containsKey(key)) {
                Object r = m.get(key);
                return r == null ? NONE : r;
            }
            Object schema = ((Map<String, Object>) m).get("__known__");
            if (schema instanceof List<?> known && known.contains(key)) {
                throw new LookupError("missing " + key);
            }
            throw new NotApplicable("field '" + key + "' is not in Podsift's model");
        }
        throw new NotApplicable("indexing " + v);
    }

    private Object atom() {
        ws();
        if (pos >= src.length()) {
            throw new NotApplicable("unexpected end");
        }
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            List<Object> items = new ArrayList<>();
            ws();
            if (peek(')')) {
                pos++;
                return items;
            }
            items.add(or());
            boolean tuple = false;
            while (true) {
                ws();
                if (peek(',')) {
                    pos++;
                    tuple = true;
                    ws();
                    if (peek(')')) {
                        break;
                    }
                    items.add(or());
                } else {
                    break;
                }
            }
            expect(')');
            return tuple ? items : items.get(0);
        }
        if (c == '[') {
            pos++;
            List<Object> items = new ArrayList<>();
            ws();
            while (!peek(']')) {
                items.add(or());
                ws();
                if (peek(',')) {
                    pos++;
                    ws();
                }
            }
            pos++;
            return items;
        }
        if (c == '{') {
            pos++;
            Map<Object, Object> m = new LinkedHashMap<>();
            ws();
            while (!peek('}')) {
                Object k = or();
                expect(':');
                m.put(k, or());
                ws();
                if (peek(',')) {
                    pos++;
                    ws();
                }
            }
            pos++;
            return m;
        }
        if (c == '\'' || c == '"' || ((c == 'u' || c == 'b' || c == 'r') && pos + 1 < src.length()
                && (src.charAt(pos + 1) == '\'' || src.charAt(pos + 1) == '"'))) {
            return string();
        }
        if (Character.isDigit(c) || c == '-') {
            int start = pos++;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                pos++;
            }
            String n = src.substring(start, pos);
            return n.contains(".") ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
        }
        String name = name();
        switch (name) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return NONE;
            case "len", "ord":
                return "fn:" + name;
            default:
                if (names.containsKey(name)) {
                    Object v = names.get(name);
                    if (v instanceof NotApplicable na) {
                        throw na;
                    }
                    return v == null ? NONE : v;
                }
                throw new NotApplicable("name '" + name + "'");
        }
    }

    private String string() {
        boolean raw = false;
        while (src.charAt(pos) == 'u' || src.charAt(pos) == 'b' || src.charAt(pos) == 'r') {
            raw |= src.charAt(pos) == 'r';
            pos++;
        }
        char q = src.charAt(pos++);
        StringBuilder b = new StringBuilder();
        while (pos < src.length() && src.charAt(pos) != q) {
            char c = src.charAt(pos++);
            if (c == '\\' && !raw) {
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'x' -> {
                        b.append((char) Integer.parseInt(src.substring(pos, pos + 2), 16));
                        pos += 2;
                    }
                    case 'u' -> {
                        b.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    case 'U' -> {
                        b.appendCodePoint(Integer.parseInt(src.substring(pos, pos + 8), 16));
                        pos += 8;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        pos++;
        return b.toString();
    }

    private static boolean eq(Object a, Object b) {
        if (a instanceof Text || b instanceof Text) {
            return Objects.equals(norm(a), norm(b));
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            for (Map.Entry<?, ?> e : y.entrySet()) {
                if (!x.containsKey(e.getKey())) {
                    throw new NotApplicable("field '" + e.getKey() + "' is not in Podsift's model");
                }
                if (!eq(x.get(e.getKey()), e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a == NONE || b == NONE) {
            return (a == NONE || a == null) && (b == NONE || b == null);
        }
        return Objects.equals(a, b);
    }

    /** Podsift keeps text, not markup: compare what a reader sees. */
    private static String norm(Object o) {
        String s = o instanceof Text t ? t.value() : o == NONE || o == null ? "" : String.valueOf(o);
        if (s.indexOf('<') >= 0 || s.indexOf('&') >= 0) {
            s = org.jsoup.Jsoup.parseBodyFragment(s).text();
        }
        return s.replaceAll("\\s+", " ").trim();
    }

    private static boolean truthy(Object v) {
        if (v == null || v == NONE) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof Text t) {
            return !t.value().isEmpty();
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(k -> !"__known__".equals(k));
        }
        return true;
    }

    private static String str(Object o) {
        return o instanceof Text t ? t.value() : String.valueOf(o);
    }

    private String name() {
        ws();
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw new NotApplicable("unsupported syntax near '" + src.substring(pos) + "'");
        }
        return src.substring(start, pos);
    }

    private boolean word(String w) {
        ws();
        if (src.startsWith(w, pos) && (pos + w.length() == src.length()
                || !Character.isLetterOrDigit(src.charAt(pos + w.length())))) {
            pos += w.length();
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private void expect(char c) {
        ws();
        if (!peek(c)) {
            throw new NotApplicable("unsupported syntax near '" + src.substring(pos) + "'");
        }
        pos++;
    }

    private void ws() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }
}
