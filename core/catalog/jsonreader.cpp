#include "jsonreader.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <cmath>
#include <cstdint>
#include <limits>

namespace iq {

namespace {

constexpr unsigned char kObjectBit = 1;
constexpr unsigned char kFirstBit = 2;

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

QString describeChar(const char *data, qsizetype pos, qsizetype size)
{
    if (pos >= size)
        return QStringLiteral("end of file");
    const auto c = static_cast<unsigned char>(data[pos]);
    if (c >= 0x20 && c < 0x7f)
        return QStringLiteral("character '%1'").arg(QLatin1Char(static_cast<char>(c)));
    return QStringLiteral("byte 0x%1").arg(c, 2, 16, QLatin1Char('0'));
}

// Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlongs, no surrogates, <= U+10FFFF),
// or 0 when it is not well-formed.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    auto cont = [&](int i) { return p + i < end && (p[i] & 0xC0) == 0x80; };
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2))
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0; // overlong
        if (c == 0xED && p[1] >= 0xA0)
            return 0; // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0; // overlong
        if (c == 0xF4 && p[1] >= 0x90)
            return 0; // > U+10FFFF
        return 4;
    }
    return 0;
}

void appendUtf8(std::string *out, uint32_t cp)
{
    if (cp < 0x80) {
        out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

#ifndef __SSE2__
// SWAR: does any byte of v equal zero / any of the bytes skipToContainerEnd() must look at?
inline uint64_t hasZeroByte(uint64_t v)
{
    return (v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL;
}
inline bool hasSkipSpecial(uint64_t v)
{
    constexpr uint64_t ones = 0x0101010101010101ULL;
    const uint64_t folded = v | (ones * 0x20); // '[' -> '{', ']' -> '}'
    return (hasZeroByte(v ^ (ones * '"')) | hasZeroByte(v ^ (ones * '\n')) |
            hasZeroByte(folded ^ (ones * '{')) | hasZeroByte(folded ^ (ones * '}'))) != 0;
}
#endif

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

} // namespace

JsonReader::JsonReader(const char *data, qsizetype size)
    : m_data(data)
    , m_size(size)
{
    m_stack.reserve(16);
    // A UTF-8 byte order mark is not JSON, but editors write it; skip it.
    if (m_size >= 3 && static_cast<unsigned char>(m_data[0]) == 0xEF &&
        static_cast<unsigned char>(m_data[1]) == 0xBB && static_cast<unsigned char>(m_data[2]) == 0xBF)
        m_pos = 3;
}

void JsonReader::failAt(int line, const QString &message)
{
    if (m_failed)
        return;
    m_failed = true;
    m_errorLine = line;
    m_errorMessage = message;
}

void JsonReader::fail(const QString &message)
{
    failAt(m_line, message);
}

void JsonReader::skipWhitespace()
{
    while (m_pos < m_size) {
        const char c = m_data[m_pos];
        if (c == ' ' || c == '\t' || c == '\r') {
            ++m_pos;
        } else if (c == '\n') {
            ++m_line;
            ++m_pos;
        } else {
            break;
        }
    }
}

JsonReader::Kind JsonReader::peek()
{
    if (m_failed)
        return Kind::Invalid;
    skipWhitespace();
    if (m_pos >= m_size)
        return Kind::End;
    switch (m_data[m_pos]) {
    case '{':
        return Kind::Object;
    case '[':
        return Kind::Array;
    case '"':
        return Kind::String;
    case 't':
        return Kind::True;
    case 'f':
        return Kind::False;
    case 'n':
        return Kind::Null;
    case '-':
    case 'N':
    case 'I':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        return Kind::Number;
    default:
        return Kind::Invalid;
    }
}

bool JsonReader::beginObject()
{
    if (peek() != Kind::Object) {
        fail(QStringLiteral("expected '{', got %1").arg(describeChar(m_data, m_pos, m_size)));
        return false;
    }
    if (m_stack.size() >= static_cast<size_t>(kMaxDepth)) {
        fail(QStringLiteral("nesting deeper than %1 levels").arg(kMaxDepth));
        return false;
    }
    m_stack.push_back(kObjectBit | kFirstBit);
    ++m_pos;
    return true;
}

bool JsonReader::beginArray()
{
    if (peek() != Kind::Array) {
        fail(QStringLiteral("expected '[', got %1").arg(describeChar(m_data, m_pos, m_size)));
        return false;
    }
    if (m_stack.size() >= static_cast<size_t>(kMaxDepth)) {
        fail(QStringLiteral("nesting deeper than %1 levels").arg(kMaxDepth));
        return false;
    }
    m_stack.push_back(kFirstBit);
    ++m_pos;
    return true;
}

bool JsonReader::nextMember(std::string_view *key)
{
    if (m_failed)
        return false;
    if (m_stack.empty() || !(m_stack.back() & kObjectBit)) {
        fail(QStringLiteral("internal error: not inside an object"));
        return false;
    }
    skipWhitespace();
    if (m_pos >= m_size) {
        fail(QStringLiteral("unexpected end of file inside an object (missing '}')"));
        return false;
    }
    char c = m_data[m_pos];
    if (c == '}') {
        ++m_pos;
        m_stack.pop_back();
        return false;
    }
    if (!(m_stack.back() & kFirstBit)) {
        if (c != ',') {
            fail(QStringLiteral("expected ',' or '}' after an object member, got %1")
                     .arg(describeChar(m_data, m_pos, m_size)));
            return false;
        }
        ++m_pos;
        skipWhitespace();
        if (m_pos < m_size && m_data[m_pos] == '}') {
            fail(QStringLiteral("trailing comma before '}'"));
            return false;
        }
    }
    if (m_pos >= m_size || m_data[m_pos] != '"') {
        fail(QStringLiteral("expected a member name in double quotes, got %1")
                 .arg(describeChar(m_data, m_pos, m_size)));
        return false;
    }
    if (!parseStringInto(&m_scratch, key))
        return false;
    skipWhitespace();
    if (m_pos >= m_size || m_data[m_pos] != ':') {
        fail(QStringLiteral("expected ':' after member name, got %1")
                 .arg(describeChar(m_data, m_pos, m_size)));
        return false;
    }
    ++m_pos;
    m_stack.back() &= static_cast<unsigned char>(~kFirstBit);
    return true;
}

bool JsonReader::nextElement()
{
    if (m_failed)
        return false;
    if (m_stack.empty() || (m_stack.back() & kObjectBit)) {
        fail(QStringLiteral("internal error: not inside an array"));
        return false;
    }
    skipWhitespace();
    if (m_pos >= m_size) {
        fail(QStringLiteral("unexpected end of file inside an array (missing ']')"));
        return false;
    }
    const char c = m_data[m_pos];
    if (c == ']') {
        ++m_pos;
        m_stack.pop_back();
        return false;
    }
    if (m_stack.back() & kFirstBit) {
        m_stack.back() &= static_cast<unsigned char>(~kFirstBit);
        return true;
    }
    if (c != ',') {
        fail(QStringLiteral("expected ',' or ']' after an array element, got %1")
                 .arg(describeChar(m_data, m_pos, m_size)));
        return false;
    }
    ++m_pos;
    skipWhitespace();
    if (m_pos < m_size && m_data[m_pos] == ']') {
        fail(QStringLiteral("trailing comma before ']'"));
        return false;
    }
    return true;
}

JsonReader::Element JsonReader::nextNumberElement(double *out)
{
    // Fast path for the common layout "[1, 2.5, null]": a separator, at most one space, a number or null.
    if (!m_failed && !m_stack.empty() && !(m_stack.back() & kObjectBit)) {
        qsizetype pos = m_pos;
        bool ready = false;
        if (m_stack.back() & kFirstBit) {
            ready = true;
        } else if (pos < m_size && m_data[pos] == ',') {
            ++pos;
            if (pos < m_size && m_data[pos] == ' ')
                ++pos;
            ready = true;
        }
        if (ready && pos < m_size) {
            const char c = m_data[pos];
            if ((c >= '0' && c <= '9') || c == '-') {
                m_stack.back() &= static_cast<unsigned char>(~kFirstBit);
                m_pos = pos;
                m_numberStart = pos;
                const bool ok = parseNumberText(out);
                m_numberEnd = m_pos;
                return ok ? Element::Number : Element::Error;
            }
        }
    }
    if (!nextElement())
        return m_failed ? Element::Error : Element::End;
    skipWhitespace();
    if (m_pos < m_size) {
        const char c = m_data[m_pos];
        if ((c >= '0' && c <= '9') || c == '-' || c == 'N' || c == 'I') {
            m_numberStart = m_pos;
            const bool ok = parseNumberText(out);
            m_numberEnd = m_pos;
            return ok ? Element::Number : Element::Error;
        }
        if (c == 'n') {
            *out = std::numeric_limits<double>::quiet_NaN();
            return expectLiteral("null", 4) ? Element::Null : Element::Error;
        }
    }
    return Element::Other;
}

bool JsonReader::skipIfNext(std::string_view bytes)
{
    if (m_failed)
        return false;
    skipWhitespace();
    if (m_size - m_pos < static_cast<qsizetype>(bytes.size()) ||
        std::string_view(m_data + m_pos, bytes.size()) != bytes)
        return false;
    m_pos += static_cast<qsizetype>(bytes.size());
    m_line += static_cast<int>(std::count(bytes.begin(), bytes.end(), '\n'));
    return true;
}

std::string_view JsonReader::text(qsizetype from, qsizetype to) const
{
    from = qBound<qsizetype>(0, from, m_size);
    to = qBound<qsizetype>(from, to, m_size);
    return std::string_view(m_data + from, static_cast<size_t>(to - from));
}

// At the opening quote. Sets *view to the decoded bytes: a slice of the input when there is nothing to
// decode, else *out.
bool JsonReader::parseStringInto(std::string *out, std::string_view *view)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(m_data + m_pos + 1);
    const auto *end = reinterpret_cast<const unsigned char *>(m_data + m_size);
    const unsigned char *p = begin;
    while (p < end && *p != '"' && *p != '\\' && *p >= 0x20 && *p < 0x80)
        ++p;
    if (p < end && *p == '"') {
        *view = std::string_view(reinterpret_cast<const char *>(begin), static_cast<size_t>(p - begin));
        m_pos = (reinterpret_cast<const char *>(p) - m_data) + 1;
        return true;
    }
    out->assign(reinterpret_cast<const char *>(begin), static_cast<size_t>(p - begin));
    while (true) {
        if (p >= end) {
            fail(QStringLiteral("unexpected end of file inside a string (missing '\"')"));
            return false;
        }
        const unsigned char c = *p;
        if (c == '"') {
            ++p;
            break;
        }
        if (c < 0x20) {
            fail(c == '\n'
                     ? QStringLiteral("line break inside a string (missing '\"'? write \\n for a line break)")
                     : QStringLiteral("control character 0x%1 inside a string")
                           .arg(c, 2, 16, QLatin1Char('0')));
            return false;
        }
        if (c == '\\') {
            if (p + 1 >= end) {
                fail(QStringLiteral("unexpected end of file inside a string (missing '\"')"));
                return false;
            }
            const char e = static_cast<char>(p[1]);
            p += 2;
            switch (e) {
            case '"':
                out->push_back('"');
                break;
            case '\\':
                out->push_back('\\');
                break;
            case '/':
                out->push_back('/');
                break;
            case 'b':
                out->push_back('\b');
                break;
            case 'f':
                out->push_back('\f');
                break;
            case 'n':
                out->push_back('\n');
                break;
            case 'r':
                out->push_back('\r');
                break;
            case 't':
                out->push_back('\t');
                break;
            case 'u': {
                auto hex4 = [&](const unsigned char *q, uint32_t *cp) {
                    if (end - q < 4)
                        return false;
                    uint32_t v = 0;
                    for (int i = 0; i < 4; ++i) {
                        const int h = hexValue(static_cast<char>(q[i]));
                        if (h < 0)
                            return false;
                        v = v * 16 + static_cast<uint32_t>(h);
                    }
                    *cp = v;
                    return true;
                };
                uint32_t cp = 0;
                if (!hex4(p, &cp)) {
                    fail(QStringLiteral("invalid \\u escape in a string (expected 4 hex digits)"));
                    return false;
                }
                p += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint32_t low = 0;
                    if (end - p >= 6 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, &low) && low >= 0xDC00 &&
                        low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        p += 6;
                    } else {
                        fail(QStringLiteral("invalid \\u escape in a string (unpaired surrogate)"));
                        return false;
                    }
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    fail(QStringLiteral("invalid \\u escape in a string (unpaired surrogate)"));
                    return false;
                }
                appendUtf8(out, cp);
                break;
            }
            default:
                fail(QStringLiteral("invalid escape '\\%1' in a string")
                         .arg(e >= 0x20 && e < 0x7f ? QString(QLatin1Char(e)) : QStringLiteral("?")));
                return false;
            }
            continue;
        }
        if (c >= 0x80) {
            const int n = utf8SequenceLength(p, end);
            if (n == 0) {
                fail(QStringLiteral("invalid UTF-8 in a string"));
                return false;
            }
            out->append(reinterpret_cast<const char *>(p), static_cast<size_t>(n));
            p += n;
            continue;
        }
        out->push_back(static_cast<char>(c));
        ++p;
    }
    m_pos = reinterpret_cast<const char *>(p) - m_data;
    *view = std::string_view(*out);
    return true;
}

bool JsonReader::readUtf8(std::string_view *out)
{
    if (peek() != Kind::String) {
        fail(QStringLiteral("expected a string, got %1").arg(describeChar(m_data, m_pos, m_size)));
        return false;
    }
    return parseStringInto(&m_scratch, out);
}

bool JsonReader::readString(QString *out)
{
    std::string_view v;
    if (!readUtf8(&v))
        return false;
    *out = QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
    return true;
}

bool JsonReader::parseNumberText(double *out)
{
    const char *const begin = m_data + m_pos;
    const char *const end = m_data + m_size;
    const char *p = begin;
    bool negative = false;
    if (p < end && *p == '-') {
        negative = true;
        ++p;
    }
    auto literal = [&](const char *text, size_t n) {
        return static_cast<size_t>(end - p) >= n && std::string_view(p, n) == std::string_view(text, n);
    };
    if (p < end && (*p == 'N' || *p == 'I')) {
        if (!negative && literal("NaN", 3)) {
            *out = std::numeric_limits<double>::quiet_NaN();
            m_pos = (p + 3) - m_data;
            return true;
        }
        if (literal("Infinity", 8)) {
            *out =
                negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
            m_pos = (p + 8) - m_data;
            return true;
        }
        fail(QStringLiteral("invalid literal (expected a number)"));
        return false;
    }
    if (p >= end || !isDigit(*p)) {
        fail(QStringLiteral("invalid number: expected a digit after '-'"));
        return false;
    }
    // All digits (integer and fraction) go into one 64-bit mantissa while there are at most 19 of them;
    // longer numbers take the exact from_chars path.
    uint64_t mantissa = 0;
    int digits = 0;
    int exp10 = 0;
    const char *intStart = p;
    if (*p == '0') {
        ++p;
        if (p < end && isDigit(*p)) {
            fail(QStringLiteral("invalid number: leading zero"));
            return false;
        }
    } else {
        while (p < end && isDigit(*p)) {
            mantissa = mantissa * 10 + static_cast<uint64_t>(*p - '0');
            ++p;
        }
    }
    digits = static_cast<int>(p - intStart);
    if (p < end && *p == '.') {
        ++p;
        const char *fracStart = p;
        while (p < end && isDigit(*p)) {
            mantissa = mantissa * 10 + static_cast<uint64_t>(*p - '0');
            ++p;
        }
        if (p == fracStart) {
            fail(QStringLiteral("invalid number: expected a digit after '.'"));
            return false;
        }
        digits += static_cast<int>(p - fracStart);
        exp10 = -static_cast<int>(p - fracStart);
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        bool expNegative = false;
        if (p < end && (*p == '+' || *p == '-')) {
            expNegative = *p == '-';
            ++p;
        }
        if (p >= end || !isDigit(*p)) {
            fail(QStringLiteral("invalid number: expected a digit in the exponent"));
            return false;
        }
        int e = 0;
        while (p < end && isDigit(*p)) {
            if (e < 100000)
                e = e * 10 + (*p - '0');
            ++p;
        }
        exp10 += expNegative ? -e : e;
    }
    m_pos = p - m_data;
    double value = 0;
    if (digits <= 19 && mantissa <= (uint64_t(1) << 53) && exp10 >= -22 && exp10 <= 22) {
        // Clinger's fast path: mantissa and power of ten are both exact doubles, so one rounding.
        value = static_cast<double>(mantissa);
        value = exp10 < 0 ? value / kPow10[-exp10] : value * kPow10[exp10];
    } else {
        const auto r = std::from_chars(negative ? begin + 1 : begin, p, value);
        if (r.ec == std::errc::result_out_of_range) {
            // Overflow or underflow: the decimal exponent of the first significant digit decides.
            const char *q = negative ? begin + 1 : begin;
            int leadingIntDigits = 0;
            while (q < p && isDigit(*q) && *q != '.') {
                if (*q != '0' || leadingIntDigits > 0)
                    ++leadingIntDigits;
                ++q;
            }
            int fracZeros = 0;
            if (leadingIntDigits == 0 && q < p && *q == '.') {
                ++q;
                while (q < p && *q == '0') {
                    ++fracZeros;
                    ++q;
                }
            }
            const char *e = std::find_if(begin, p, [](char c) { return c == 'e' || c == 'E'; });
            long long exponent = 0;
            if (e != p)
                exponent = std::strtoll(std::string(e + 1, p).c_str(), nullptr, 10);
            const long long magnitude = (leadingIntDigits > 0 ? leadingIntDigits : -fracZeros) + exponent;
            value = magnitude > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        } else if (r.ec != std::errc()) {
            value = std::numeric_limits<double>::quiet_NaN(); // cannot happen after the checks above
        }
    }
    *out = negative ? -value : value;
    return true;
}

bool JsonReader::readNumber(double *out)
{
    if (peek() != Kind::Number) {
        fail(QStringLiteral("expected a number, got %1").arg(describeChar(m_data, m_pos, m_size)));
        return false;
    }
    m_numberStart = m_pos;
    const bool ok = parseNumberText(out);
    m_numberEnd = m_pos;
    return ok;
}

QString JsonReader::lastNumberText() const
{
    const qsizetype n = m_numberEnd - m_numberStart;
    if (n <= 0)
        return {};
    QString text = QString::fromLatin1(m_data + m_numberStart, qMin<qsizetype>(n, 40));
    return n > 40 ? text + QStringLiteral("...") : text;
}

bool JsonReader::expectLiteral(const char *literal, qsizetype length)
{
    if (m_size - m_pos < length || std::string_view(m_data + m_pos, static_cast<size_t>(length)) !=
                                       std::string_view(literal, static_cast<size_t>(length))) {
        fail(QStringLiteral("invalid literal (expected %1)").arg(QLatin1String(literal)));
        return false;
    }
    m_pos += length;
    return true;
}

bool JsonReader::readBool(bool *out)
{
    const Kind k = peek();
    if (k == Kind::True) {
        *out = true;
        return expectLiteral("true", 4);
    }
    if (k == Kind::False) {
        *out = false;
        return expectLiteral("false", 5);
    }
    fail(QStringLiteral("expected true or false, got %1").arg(describeChar(m_data, m_pos, m_size)));
    return false;
}

bool JsonReader::readNull()
{
    if (peek() != Kind::Null) {
        fail(QStringLiteral("expected null, got %1").arg(describeChar(m_data, m_pos, m_size)));
        return false;
    }
    return expectLiteral("null", 4);
}

bool JsonReader::skipValue()
{
    switch (peek()) {
    case Kind::Object: {
        if (!beginObject())
            return false;
        std::string_view key;
        while (nextMember(&key)) {
            if (!skipValue())
                return false;
        }
        return !m_failed;
    }
    case Kind::Array:
        if (!beginArray())
            return false;
        while (nextElement()) {
            if (!skipValue())
                return false;
        }
        return !m_failed;
    case Kind::String: {
        std::string_view v;
        return readUtf8(&v);
    }
    case Kind::Number: {
        double d;
        return readNumber(&d);
    }
    case Kind::True:
    case Kind::False: {
        bool b;
        return readBool(&b);
    }
    case Kind::Null:
        return readNull();
    case Kind::End:
        fail(QStringLiteral("unexpected end of file, expected a value"));
        return false;
    case Kind::Invalid:
        fail(QStringLiteral("unexpected %1, expected a value").arg(describeChar(m_data, m_pos, m_size)));
        return false;
    }
    return false;
}

bool JsonReader::skipToContainerEnd()
{
    if (m_failed)
        return false;
    if (m_stack.empty()) {
        fail(QStringLiteral("internal error: not inside a container"));
        return false;
    }
    unsigned char local[kMaxDepth];
    size_t depth = 0;
    const char *p = m_data + m_pos;
    const char *const end = m_data + m_size;
    int line = m_line;
    while (p < end) {
        // Many bytes at a time while none of them matters (digits, commas, spaces between brackets).
#ifdef __SSE2__
        if (end - p >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20)); // '[' -> '{', ']' -> '}'
            const __m128i hit = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                _mm_or_si128(_mm_cmpeq_epi8(folded, _mm_set1_epi8('{')),
                             _mm_cmpeq_epi8(folded, _mm_set1_epi8('}'))));
            const int mask = _mm_movemask_epi8(hit);
            if (mask == 0) {
                p += 16;
                continue;
            }
            p += __builtin_ctz(static_cast<unsigned>(mask));
        }
#else
        if (end - p >= 8) {
            uint64_t block;
            std::memcpy(&block, p, 8);
            if (!hasSkipSpecial(block)) {
                p += 8;
                continue;
            }
        }
#endif
        const char c = *p;
        switch (c) {
        case '\n':
            ++line;
            break;
        case '"':
            ++p;
            while (p < end && *p != '"') {
                if (*p == '\\')
                    ++p;
                else if (*p == '\n')
                    ++line; // invalid JSON, but keep line numbers right for the error that follows
                ++p;
            }
            if (p >= end) {
                m_line = line;
                m_pos = m_size;
                fail(QStringLiteral("unexpected end of file inside a string (missing '\"')"));
                return false;
            }
            break;
        case '{':
        case '[':
            if (m_stack.size() + depth >= static_cast<size_t>(kMaxDepth)) {
                m_line = line;
                fail(QStringLiteral("nesting deeper than %1 levels").arg(kMaxDepth));
                return false;
            }
            local[depth++] = c == '{' ? kObjectBit : 0;
            break;
        case '}':
        case ']': {
            const unsigned char type = c == '}' ? kObjectBit : 0;
            const unsigned char open = depth > 0 ? local[depth - 1] : (m_stack.back() & kObjectBit);
            if (open != type) {
                m_line = line;
                m_pos = p - m_data;
                fail(QStringLiteral("mismatched '%1'").arg(QLatin1Char(c)));
                return false;
            }
            if (depth == 0) {
                m_stack.pop_back();
                m_line = line;
                m_pos = (p + 1) - m_data;
                return true;
            }
            --depth;
            break;
        }
        default:
            break;
        }
        ++p;
    }
    m_line = line;
    m_pos = m_size;
    fail(QStringLiteral("unexpected end of file (missing '%1')")
             .arg(QLatin1Char((depth > 0 ? local[depth - 1] : m_stack.back()) & kObjectBit ? '}' : ']')));
    return false;
}

QString JsonReader::describeAndSkip()
{
    switch (peek()) {
    case Kind::Object:
        skipValue();
        return QStringLiteral("an object");
    case Kind::Array:
        skipValue();
        return QStringLiteral("an array");
    case Kind::String: {
        QString s;
        if (!readString(&s))
            return {};
        if (s.size() > 40)
            s = s.left(37) + QStringLiteral("...");
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    case Kind::Number: {
        double d;
        if (!readNumber(&d))
            return {};
        return lastNumberText();
    }
    case Kind::True:
        skipValue();
        return QStringLiteral("true");
    case Kind::False:
        skipValue();
        return QStringLiteral("false");
    case Kind::Null:
        skipValue();
        return QStringLiteral("null");
    case Kind::End:
    case Kind::Invalid:
        skipValue(); // fails with the syntax error
        return {};
    }
    return {};
}

void JsonReader::seek(const Position &p)
{
    m_pos = p.offset;
    m_line = p.line;
    m_stack = p.stack;
}

bool JsonReader::atEnd()
{
    skipWhitespace();
    return m_pos >= m_size;
}

void appendJsonNumber(QByteArray *out, double value)
{
    if (!std::isfinite(value)) {
        out->append("null", 4);
        return;
    }
    char buf[40];
    // Fast path for values with at most 3 decimals (most measurements): integer formatting, used only when
    // the text parses back to exactly this double (k / 1000 is what the reader computes for it).
    if (std::fabs(value) < 1e15) {
        const double scaled = std::nearbyint(value * 1000);
        const auto k = static_cast<long long>(scaled);
        if (static_cast<double>(k) / 1000.0 == value && (k != 0 || !std::signbit(value))) {
            char *p = buf;
            unsigned long long a =
                k < 0 ? 0ULL - static_cast<unsigned long long>(k) : static_cast<unsigned long long>(k);
            if (k < 0)
                *p++ = '-';
            p = std::to_chars(p, buf + sizeof buf, a / 1000).ptr;
            unsigned frac = static_cast<unsigned>(a % 1000);
            if (frac != 0) {
                *p++ = '.';
                *p++ = static_cast<char>('0' + frac / 100);
                frac %= 100;
                if (frac != 0) {
                    *p++ = static_cast<char>('0' + frac / 10);
                    frac %= 10;
                    if (frac != 0)
                        *p++ = static_cast<char>('0' + frac);
                }
            }
            out->append(buf, p - buf);
            return;
        }
    }
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out->append(buf, r.ptr - buf);
}

namespace {
void appendEscapedByte(QByteArray *out, char ch)
{
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
    case '"':
        out->append("\\\"", 2);
        break;
    case '\\':
        out->append("\\\\", 2);
        break;
    case '\n':
        out->append("\\n", 2);
        break;
    case '\r':
        out->append("\\r", 2);
        break;
    case '\t':
        out->append("\\t", 2);
        break;
    default:
        if (c < 0x20) {
            static const char hex[] = "0123456789abcdef";
            const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out->append(esc, 6);
        } else {
            out->append(ch);
        }
    }
}
} // namespace

void appendJsonString(QByteArray *out, const QString &value)
{
    out->append('"');
    const ushort *u = value.utf16();
    const qsizetype n = value.size();
    bool ascii = true;
    for (qsizetype i = 0; i < n && ascii; ++i)
        ascii = u[i] < 0x80;
    if (ascii) { // the common case: no UTF-8 conversion (and no allocation) needed
        for (qsizetype i = 0; i < n; ++i)
            appendEscapedByte(out, static_cast<char>(u[i]));
    } else {
        for (const char ch : value.toUtf8())
            appendEscapedByte(out, ch);
    }
    out->append('"');
}

} // namespace iq
