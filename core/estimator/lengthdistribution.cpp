#include "lengthdistribution.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace iq {

// ---- Rng ------------------------------------------------------------------------------------------------

double Rng::uniform01()
{
    // Top 53 bits of the raw engine output: the same doubles on every compiler and library.
    return double(next() >> 11) * 0x1.0p-53;
}

int Rng::uniformInt(int n)
{
    if (n <= 1)
        return 0;
    // Rejection sampling: unbiased and portable (std::uniform_int_distribution is implementation-defined).
    const std::uint64_t range = std::uint64_t(n);
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t x = next();
    while (x >= limit)
        x = next();
    return int(x % range);
}

double Rng::exponential(double rate)
{
    if (!(rate > 0))
        return std::numeric_limits<double>::infinity(); // no arrivals
    return -std::log1p(-uniform01()) / rate;            // 1 - u in (0, 1]: log is finite
}

// ---- ShareGPT inverse CDF ---------------------------------------------------------------------------------
//
// Knots (u, tokens) at the quantiles METRICS.md gives (min = u 0, median, P90, P99, max = u 1), plus one knot
// at u = 0.7 whose value is solved so that the mean of the distribution equals the table's mean. Between
// knots log(tokens) is linear in u (a log-linear inverse CDF: lengths are spread over orders of magnitude).
// The mean of one segment [u0,u1] from a to b is (u1-u0) * (b-a)/ln(b/a) (the logarithmic mean of a and b).

namespace {

struct Knot
{
    double u;
    double v;
};

struct Marginal
{
    std::array<Knot, 6> knots;
};

double logMean(double a, double b)
{
    if (std::abs(b - a) < 1e-12 * std::max(a, b))
        return a;
    return (b - a) / std::log(b / a);
}

double marginalMean(const std::array<Knot, 6> &k)
{
    double mean = 0;
    for (size_t i = 1; i < k.size(); ++i)
        mean += (k[i].u - k[i - 1].u) * logMean(k[i - 1].v, k[i].v);
    return mean;
}

// min, median, P90, P99, max and the mean from METRICS.md; the extra knot at u = 0.7 solved by bisection
// between the median and P90 (the mean grows monotonically with it).
Marginal buildMarginal(double min, double p50, double p90, double p99, double max, double mean)
{
    Marginal m{{{{0.0, min}, {0.5, p50}, {0.7, p50}, {0.9, p90}, {0.99, p99}, {1.0, max}}}};
    double lo = p50, hi = p90;
    for (int i = 0; i < 200; ++i) {
        m.knots[2].v = 0.5 * (lo + hi);
        if (marginalMean(m.knots) < mean)
            lo = m.knots[2].v;
        else
            hi = m.knots[2].v;
    }
    return m;
}

const Marginal &inputMarginal()
{
    // METRICS.md "The ShareGPT workload behind the Quickstart profiles": input min 4, median 108, mean 226,
    // P90 635, P99 887, max 1024.
    static const Marginal m = buildMarginal(4, 108, 635, 887, 1024, 226);
    return m;
}

const Marginal &outputMarginal()
{
    // Output: min 1, median 132, mean 195, P90 488, P99 778, max 1024.
    static const Marginal m = buildMarginal(1, 132, 488, 778, 1024, 195);
    return m;
}

double quantile(const Marginal &m, double u)
{
    u = std::clamp(u, 0.0, 1.0);
    for (size_t i = 1; i < m.knots.size(); ++i) {
        const Knot &a = m.knots[i - 1];
        const Knot &b = m.knots[i];
        if (u <= b.u) {
            const double t = (u - a.u) / (b.u - a.u);
            return a.v * std::pow(b.v / a.v, t);
        }
    }
    return m.knots.back().v;
}

int toTokens(double v, double min, double max)
{
    return int(std::clamp(std::round(v), min, max));
}

} // namespace

double LengthDistribution::shareGptInputQuantile(double u)
{
    return quantile(inputMarginal(), u);
}

double LengthDistribution::shareGptOutputQuantile(double u)
{
    return quantile(outputMarginal(), u);
}

// ---- constructors -----------------------------------------------------------------------------------------

LengthDistribution LengthDistribution::shareGpt()
{
    LengthDistribution d;
    d.m_kind = Kind::ShareGpt;
    d.m_meanInput = marginalMean(inputMarginal().knots);
    d.m_meanOutput = marginalMean(outputMarginal().knots);
    d.m_maxInput = int(inputMarginal().knots.back().v);
    d.m_maxOutput = int(outputMarginal().knots.back().v);
    d.m_description = QStringLiteral("ShareGPT (METRICS.md quantiles; mean input %1, mean output %2 tokens)")
                          .arg(d.m_meanInput, 0, 'f', 0)
                          .arg(d.m_meanOutput, 0, 'f', 0);
    return d;
}

LengthDistribution LengthDistribution::fixed(int input, int output)
{
    LengthDistribution d;
    d.m_kind = Kind::Fixed;
    d.m_fixedInput = std::max(0, input);
    d.m_fixedOutput = std::max(0, output);
    d.m_meanInput = d.m_fixedInput;
    d.m_meanOutput = d.m_fixedOutput;
    d.m_maxInput = d.m_fixedInput;
    d.m_maxOutput = d.m_fixedOutput;
    d.m_description =
        QStringLiteral("fixed %1 input / %2 output tokens").arg(d.m_fixedInput).arg(d.m_fixedOutput);
    return d;
}

RequestLengths LengthDistribution::sample(Rng &rng) const
{
    switch (m_kind) {
    case Kind::ShareGpt: {
        // Input and output drawn independently: the reference gives the marginals only.
        const double ui = rng.uniform01();
        const double uo = rng.uniform01();
        const Marginal &in = inputMarginal();
        const Marginal &out = outputMarginal();
        return {toTokens(quantile(in, ui), in.knots.front().v, in.knots.back().v),
                toTokens(quantile(out, uo), out.knots.front().v, out.knots.back().v)};
    }
    case Kind::Fixed:
        return {m_fixedInput, m_fixedOutput};
    case Kind::Dataset:
        if (m_rows.isEmpty())
            return {0, 0};
        return m_rows.at(rng.uniformInt(int(m_rows.size())));
    }
    return {0, 0};
}

// ---- use cases --------------------------------------------------------------------------------------------

QList<UseCaseWorkload> LengthDistribution::useCases()
{
    // resources/reference/use-cases.yaml (compiled in) when present; otherwise the list in
    // resources/reference/GIQ-INTERFACE.md ("Use cases (synthetic input/output lengths)") written the same
    // way
    // (~1k = 1024, ~2k = 2048, ~4k = 4096, ~8k = 8000, ~9k = 9000, as use-cases.yaml writes them).
    // The chatbot use case is the ShareGPT workload (its name says so), sampled from shareGpt().
    static const QList<UseCaseWorkload> list = [] {
        QList<UseCaseWorkload> out;
        const QString path = QStringLiteral(":/reference/use-cases.yaml");
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            try {
                const YAML::Node root = YAML::Load(file.readAll().toStdString());
                for (const YAML::Node &u : root["use_cases"]) {
                    UseCaseWorkload w;
                    w.name = QString::fromStdString(u["name"].as<std::string>());
                    w.inputTokens = u["input_length"].as<int>();
                    w.outputTokens = u["output_length"].as<int>();
                    w.shareGpt = w.name.contains(QLatin1String("ShareGPT"), Qt::CaseInsensitive);
                    w.source = QStringLiteral("resources/reference/use-cases.yaml");
                    if (w.name.isEmpty() || w.inputTokens <= 0 || w.outputTokens <= 0) {
                        out.clear();
                        break;
                    }
                    out.append(w);
                }
            } catch (const YAML::Exception &) {
                out.clear(); // fall back to the GIQ-INTERFACE.md list below
            }
        }
        if (!out.isEmpty())
            return out;
        const QString src = QStringLiteral("resources/reference/GIQ-INTERFACE.md (Data model: use cases)");
        return QList<UseCaseWorkload>{
            {QStringLiteral("Chatbot (ShareGPT)"), 128, 128, true, src},
            {QStringLiteral("Code Completion"), 512, 32, false, src},
            {QStringLiteral("Text Summarization"), 1024, 128, false, src},
            {QStringLiteral("Text Generation"), 512, 2048, false, src},
            {QStringLiteral("Deep Research"), 256, 4096, false, src},
            {QStringLiteral("Advanced Customer Support"), 9000, 256, false, src},
            {QStringLiteral("Multi Agent Large Document Summarization"), 8000, 64, false, src},
        };
    }();
    return list;
}

std::optional<LengthDistribution> LengthDistribution::fromUseCase(const QString &name, QString *error)
{
    const QString wanted = name.trimmed();
    QStringList names;
    for (const UseCaseWorkload &u : useCases()) {
        names << u.name;
        const bool chatbot = u.shareGpt && wanted.compare(QLatin1String("chatbot"), Qt::CaseInsensitive) == 0;
        if (u.name.compare(wanted, Qt::CaseInsensitive) != 0 && !chatbot)
            continue;
        LengthDistribution d = u.shareGpt ? shareGpt() : fixed(u.inputTokens, u.outputTokens);
        d.m_description = QStringLiteral("use case %1: %2").arg(u.name, d.m_description);
        return d;
    }
    if (error)
        *error =
            QStringLiteral("unknown use case \"%1\"; known: %2").arg(name, names.join(QStringLiteral(", ")));
    return std::nullopt;
}

// ---- datasets ---------------------------------------------------------------------------------------------

namespace {

const QStringList &inputNames()
{
    static const QStringList n = {QStringLiteral("input_tokens"), QStringLiteral("input"),
                                  QStringLiteral("prompt_tokens"), QStringLiteral("input_len"),
                                  QStringLiteral("prompt_len")};
    return n;
}

const QStringList &outputNames()
{
    static const QStringList n = {QStringLiteral("output_tokens"), QStringLiteral("output"),
                                  QStringLiteral("completion_tokens"), QStringLiteral("output_len")};
    return n;
}

constexpr qint64 kMaxTokens = 10000000;

bool parseCount(const QString &text, qint64 min, int *out)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > kMaxTokens)
        return false;
    *out = int(v);
    return true;
}

} // namespace

std::optional<LengthDistribution> LengthDistribution::fromDataset(const QString &path, QString *error)
{
    auto fail = [&](const QString &message) -> std::optional<LengthDistribution> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));

    QVector<RequestLengths> rows;
    bool jsonl = path.endsWith(QLatin1String(".jsonl"), Qt::CaseInsensitive) ||
                 path.endsWith(QLatin1String(".ndjson"), Qt::CaseInsensitive);
    bool formatKnown = jsonl || path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    int inCol = 0, outCol = 1, columns = 2;
    bool headerSeen = false;
    int lineNo = 0;
    while (!file.atEnd()) {
        const QByteArray raw = file.readLine(1 << 20);
        ++lineNo;
        if (!raw.endsWith('\n') && !file.atEnd())
            return fail(QStringLiteral("%1:%2: line longer than 1 MiB").arg(path).arg(lineNo));
        QString line = QString::fromUtf8(raw).trimmed();
        if (lineNo == 1 && line.startsWith(QChar(0xFEFF))) // UTF-8 byte order mark
            line = line.mid(1).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (!formatKnown) { // decided by the first data line
            jsonl = line.startsWith(QLatin1Char('{'));
            formatKnown = true;
        }
        const QString where = QStringLiteral("%1:%2").arg(path).arg(lineNo);
        RequestLengths r;
        if (jsonl) {
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &pe);
            if (pe.error != QJsonParseError::NoError || !doc.isObject())
                return fail(QStringLiteral("%1: not a JSON object: %2")
                                .arg(where, pe.error != QJsonParseError::NoError
                                                ? pe.errorString()
                                                : QStringLiteral("wrong type")));
            const QJsonObject o = doc.object();
            auto read = [&](const QStringList &names, int min, int *out) -> QString {
                for (const QString &n : names) {
                    if (!o.contains(n))
                        continue;
                    const QJsonValue v = o.value(n);
                    const double d = v.toDouble(std::nan(""));
                    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d) || d < min || d > kMaxTokens)
                        return QStringLiteral("%1: field %2 must be an integer in %3..%4")
                            .arg(where, n)
                            .arg(min)
                            .arg(kMaxTokens);
                    *out = int(d);
                    return {};
                }
                return QStringLiteral("%1: missing field %2").arg(where, names.join(QStringLiteral(" or ")));
            };
            QString e = read(inputNames(), 1, &r.input);
            if (e.isEmpty())
                e = read(outputNames(), 1, &r.output);
            if (!e.isEmpty())
                return fail(e);
        } else {
            QStringList cells = line.split(QLatin1Char(','));
            for (QString &c : cells) { // spreadsheet exports quote cells: "input_tokens"
                c = c.trimmed();
                if (c.size() >= 2 && c.startsWith(QLatin1Char('"')) && c.endsWith(QLatin1Char('"')))
                    c = c.mid(1, c.size() - 2);
            }
            if (!headerSeen && rows.isEmpty()) {
                bool numeric = true;
                for (const QString &c : cells) {
                    bool ok = false;
                    c.trimmed().toLongLong(&ok);
                    numeric = numeric && ok;
                }
                if (!numeric) { // a header: find the columns by name
                    headerSeen = true;
                    inCol = outCol = -1;
                    columns = int(cells.size());
                    for (int i = 0; i < cells.size(); ++i) {
                        const QString c = cells.at(i).trimmed().toLower();
                        if (inCol < 0 && inputNames().contains(c))
                            inCol = i;
                        if (outCol < 0 && outputNames().contains(c))
                            outCol = i;
                    }
                    if (inCol < 0 || outCol < 0)
                        return fail(QStringLiteral("%1: header must name an input column (%2) and an output "
                                                   "column (%3)")
                                        .arg(where, inputNames().join(QStringLiteral(", ")),
                                             outputNames().join(QStringLiteral(", "))));
                    continue;
                }
                headerSeen = true;
                columns = int(cells.size());
            }
            if (cells.size() != columns)
                return fail(QStringLiteral("%1: expected %2 columns, found %3")
                                .arg(where)
                                .arg(columns)
                                .arg(cells.size()));
            if (!parseCount(cells.at(inCol), 1, &r.input))
                return fail(QStringLiteral("%1: input token count \"%2\" is not an integer in 1..%3")
                                .arg(where, cells.at(inCol).trimmed())
                                .arg(kMaxTokens));
            if (!parseCount(cells.at(outCol), 1, &r.output))
                return fail(QStringLiteral("%1: output token count \"%2\" is not an integer in 1..%3")
                                .arg(where, cells.at(outCol).trimmed())
                                .arg(kMaxTokens));
        }
        rows.append(r);
    }
    if (rows.isEmpty())
        return fail(QStringLiteral("%1: no requests (expected one line per request)").arg(path));

    LengthDistribution d;
    d.m_kind = Kind::Dataset;
    double sumIn = 0, sumOut = 0;
    for (const RequestLengths &r : rows) {
        sumIn += r.input;
        sumOut += r.output;
        d.m_maxInput = std::max(d.m_maxInput, r.input);
        d.m_maxOutput = std::max(d.m_maxOutput, r.output);
    }
    d.m_meanInput = sumIn / double(rows.size());
    d.m_meanOutput = sumOut / double(rows.size());
    d.m_rows = rows;
    d.m_description = QStringLiteral("dataset %1 (%2 requests; mean input %3, mean output %4 tokens)")
                          .arg(QFileInfo(path).fileName())
                          .arg(rows.size())
                          .arg(d.m_meanInput, 0, 'f', 1)
                          .arg(d.m_meanOutput, 0, 'f', 1);
    return d;
}

} // namespace iq
