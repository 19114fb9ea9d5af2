#pragma once
// A small pull parser for JSON that knows the line of every value. The catalog loader drives it directly
// into domain types (no DOM), which is what makes a 100,000-profile catalog load in well under a second.
//
// Syntax errors are fatal (the first one stops the reader: failed(), errorLine(), errorMessage()); type
// and range problems are the caller's business and are not errors of the reader.
// Never crashes on bad input: nesting depth is limited, every read is bounds-checked, strings are checked
// for valid UTF-8, numbers out of double range become +-inf (overflow) or 0 (underflow).

#include <QByteArray>
#include <QString>

#include <string>
#include <string_view>
#include <vector>

namespace iq {

class JsonReader
{
public:
    enum class Kind { Object, Array, String, Number, True, False, Null, End, Invalid };

    static constexpr int kMaxDepth = 256;

    JsonReader(const char *data, qsizetype size);
    explicit JsonReader(const QByteArray &data)
        : JsonReader(data.constData(), data.size())
    {}

    // Skips whitespace and classifies the next value without consuming it. `NaN`, `Infinity` and
    // `-Infinity` classify as Number (so callers can say "not a finite number" instead of a syntax error).
    Kind peek();
    // The 1-based line of the current position (after peek(): of the next value).
    int line() const { return m_line; }

    bool failed() const { return m_failed; }
    int errorLine() const { return m_errorLine; }
    QString errorMessage() const { return m_errorMessage; }
    // Fails the reader with a message at the current line (first failure wins).
    void fail(const QString &message);

    // Containers. beginObject()/beginArray() consume the opening bracket. nextMember() returns true and
    // the (decoded) key when another member follows, consuming the key and the colon; it returns false at
    // the closing brace (consumed) or on error. nextElement() likewise for arrays.
    bool beginObject();
    bool nextMember(std::string_view *key);
    bool beginArray();
    bool nextElement();

    // The hot loop of point rows: inside an array, moves to the next element and reads it when it is a
    // number or null. Number: *out = value (may be non-finite, see readNumber). Null: *out = NaN.
    // End: the closing ']' was consumed. Other: the element is something else and was not consumed (read it
    // with the other functions). Error: syntax error (failed()).
    enum class Element { Number, Null, End, Other, Error };
    Element nextNumberElement(double *out);

    // Consumes `bytes` when the input continues with exactly them (after whitespace). Used to reuse the
    // result of parsing a value whose text repeats (a profile's "columns" is usually the same as the last).
    bool skipIfNext(std::string_view bytes);
    // The input between two offsets.
    std::string_view text(qsizetype from, qsizetype to) const;

    // Scalars. Each consumes the value on success.
    bool readString(QString *out);
    bool readUtf8(std::string_view *out); // valid until the next read
    // NaN/Infinity literals and overflowing numbers give NaN/+-inf: callers check std::isfinite.
    bool readNumber(double *out);
    // The source text of the last number read (for messages such as "got 1e999").
    QString lastNumberText() const;
    bool readBool(bool *out);
    bool readNull();

    // Consumes the next value of any kind, checking its syntax.
    bool skipValue();
    // Inside a container: skips everything up to and including its closing bracket without decoding
    // anything (strings and brackets are tracked, nothing else is checked). The fast path for records the
    // caller does not want (e.g. profiles of other models).
    bool skipToContainerEnd();

    // Consumes the next value and returns a short description for messages: "\"fast\"" (truncated),
    // "42", "an object", "an array", "true", "false", "null".
    QString describeAndSkip();

    // Reader state for coming back to a value later (e.g. "points" seen before "columns").
    struct Position
    {
        qsizetype offset = 0;
        int line = 1;
        std::vector<unsigned char> stack;
    };
    Position position() const { return {m_pos, m_line, m_stack}; }
    void seek(const Position &p);

    // After the top-level value: true when only whitespace remains.
    bool atEnd();

    qsizetype offset() const { return m_pos; }

private:
    void skipWhitespace();
    bool expectLiteral(const char *literal, qsizetype length);
    bool parseStringInto(std::string *out, std::string_view *view);
    bool parseNumberText(double *out);
    void failAt(int line, const QString &message);

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    qsizetype m_numberStart = 0;
    qsizetype m_numberEnd = 0;
    int m_line = 1;
    // One entry per open container: bit 0 = object (1) / array (0), bit 1 = "no member read yet".
    std::vector<unsigned char> m_stack;
    std::string m_scratch;
    bool m_failed = false;
    int m_errorLine = 0;
    QString m_errorMessage;
};

// Text that parses back to exactly the same double: plain digits for values with at most 3 decimals (the
// common case, fast), else the shortest form (std::to_chars); "null" for NaN/inf.
void appendJsonNumber(QByteArray *out, double value);
// A JSON string literal with quotes, escaping ", \ and control characters; UTF-8 passes through.
void appendJsonString(QByteArray *out, const QString &value);

} // namespace iq
