#include "catalogloader.h"

#include "jsonreader.h"
#include "pointcolumns.h"

#include <QFile>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace iq {

namespace {

// A JSON path built only when a message needs it: "profiles[3].points[2][4]".
struct PathNode
{
    const PathNode *parent = nullptr;
    const char *key = nullptr; // member name, or nullptr for an array index
    qsizetype index = 0;

    QString toString() const
    {
        QString s = parent ? parent->toString() : QString();
        if (key) {
            if (!s.isEmpty())
                s += QLatin1Char('.');
            s += QLatin1String(key);
        } else {
            s += QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
        }
        return s;
    }
    PathNode child(const char *k) const { return {this, k, 0}; }
    PathNode child(qsizetype i) const { return {this, nullptr, i}; }
};

QString quoted(const QString &s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

// Plain digits for whole numbers (bounds such as 1000000000 read better than 1e+09), else the shortest form.
QString formatNumber(double v)
{
    if (!std::isfinite(v))
        return std::isnan(v) ? QStringLiteral("NaN")
                             : (v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity"));
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(v, 'f', 0);
    QByteArray b;
    appendJsonNumber(&b, v);
    return QString::fromLatin1(b);
}

struct Range
{
    double min = 0;
    double max = 1e12;
};

enum class FieldResult { Continue, SkipRest };

class Parser
{
public:
    Parser(const QByteArray &json, const QString &file, const CatalogLoadOptions &options,
           CatalogLoadResult *result)
        : m_json(json)
        , m_reader(json)
        , m_file(file)
        , m_options(options)
        , m_result(result)
    {
        for (const QString &m : options.onlyModels)
            m_onlyModels.push_back(m.toStdString());
    }

    void run();

    // Worker side of the parallel profile parse: parses profile elements from `start` (the '{' of a profile
    // inside the "profiles" array) to the end of that array. Line numbers are relative (1 = the line of
    // `start`), profile indexes too; the caller adopts the result only when it has no diagnostics.
    bool runProfilesTail(qsizetype start, const std::atomic<bool> *cancel)
    {
        m_reader.seek(JsonReader::Position{start, 1, {0}});
        m_cancel = cancel;
        const PathNode profiles{nullptr, "profiles", 0};
        qsizetype i = 0;
        readProfile(profiles.child(i++));
        while (running() && !cancelled() && m_reader.nextElement())
            readProfile(profiles.child(i++));
        m_tailEnd = m_reader.offset();
        return !cancelled() && !m_reader.failed() && m_result->errors.isEmpty() &&
               m_result->warnings.isEmpty();
    }

private:
    void error(int line, const QString &message)
    {
        if (m_stop)
            return;
        if (m_result->errors.size() >= kMaxCatalogErrors) {
            m_result->errors.append(
                {m_file, line,
                 QStringLiteral("too many errors (more than %1), stopping").arg(kMaxCatalogErrors)});
            m_stop = true;
            return;
        }
        m_result->errors.append({m_file, line, message});
    }
    void error(int line, const PathNode &path, const QString &message)
    {
        error(line, path.toString() + QStringLiteral(": ") + message);
    }
    void warning(int line, const PathNode &path, const QString &message)
    {
        if (m_result->warnings.size() < kMaxCatalogErrors)
            m_result->warnings.append({m_file, line, path.toString() + QStringLiteral(": ") + message});
    }
    bool running() const { return !m_stop && !m_reader.failed(); }

    // "expected X, got Y" for the value at the reader's position (which is consumed).
    void typeError(const PathNode &path, const char *expected)
    {
        const int line = m_reader.line();
        const QString got = m_reader.describeAndSkip();
        if (!m_reader.failed())
            error(line, path, QStringLiteral("expected %1, got %2").arg(QLatin1String(expected), got));
    }

    void readString(const PathNode &path, QString *out, bool nonEmpty = false)
    {
        if (m_reader.peek() != JsonReader::Kind::String) {
            typeError(path, "a string");
            return;
        }
        const int line = m_reader.line();
        if (!m_reader.readString(out))
            return;
        if (nonEmpty && out->isEmpty())
            error(line, path, QStringLiteral("must not be empty"));
    }

    void readStringList(const PathNode &path, QStringList *out)
    {
        if (m_reader.peek() != JsonReader::Kind::Array) {
            typeError(path, "an array of strings");
            return;
        }
        m_reader.beginArray();
        qsizetype i = 0;
        while (running() && m_reader.nextElement()) {
            QString s;
            const PathNode child = path.child(i++);
            if (m_reader.peek() == JsonReader::Kind::String) {
                m_reader.readString(&s);
                out->append(s);
            } else {
                typeError(child, "a string");
            }
        }
    }

    void readBool(const PathNode &path, bool *out)
    {
        const auto k = m_reader.peek();
        if (k == JsonReader::Kind::True || k == JsonReader::Kind::False)
            m_reader.readBool(out);
        else
            typeError(path, "true or false");
    }

    // A number or null (= unknown, NaN). Returns false when the value was rejected (already reported).
    bool readNumber(const PathNode &path, double *out, Range range, const QString &what = {},
                    bool allowNull = true)
    {
        const auto k = m_reader.peek();
        const int line = m_reader.line();
        if (k == JsonReader::Kind::Null && allowNull) {
            m_reader.readNull();
            *out = kUnknown;
            return true;
        }
        if (k != JsonReader::Kind::Number) {
            typeError(path, allowNull ? "a number or null" : "a number");
            return false;
        }
        double v = 0;
        if (!m_reader.readNumber(&v))
            return false;
        return checkNumber(line, path, v, range, what, out);
    }

    // Empty when v is finite and in range, else what is wrong with it.
    QString rangeProblem(double v, Range range, const QString &what) const
    {
        const QString prefix = what.isEmpty() ? QString() : what + QLatin1Char(' ');
        if (!std::isfinite(v))
            return QStringLiteral("expected a finite number, got %1 (write null for unknown)")
                .arg(m_reader.lastNumberText());
        const QString text = m_reader.lastNumberText(); // as written in the file
        if (v < range.min)
            return (range.min == 0 ? QStringLiteral("negative %1%2") : QStringLiteral("%1%2 is too small"))
                       .arg(prefix, text) +
                   QStringLiteral(" (must be at least %1)").arg(formatNumber(range.min));
        if (v > range.max)
            return QStringLiteral("%1%2 is out of range (must be at most %3)")
                .arg(prefix, text, formatNumber(range.max));
        return {};
    }

    bool checkNumber(int line, const PathNode &path, double v, Range range, const QString &what, double *out)
    {
        const QString problem = rangeProblem(v, range, what);
        if (!problem.isEmpty()) {
            error(line, path, problem);
            return false;
        }
        *out = v;
        return true;
    }

    void readInt(const PathNode &path, int *out, int min, int max)
    {
        const auto k = m_reader.peek();
        const int line = m_reader.line();
        if (k != JsonReader::Kind::Number) {
            typeError(path, "an integer");
            return;
        }
        double v = 0;
        if (!m_reader.readNumber(&v))
            return;
        if (std::isfinite(v) && v != std::floor(v)) {
            error(line, path, QStringLiteral("expected an integer, got %1").arg(m_reader.lastNumberText()));
            return;
        }
        double checked = 0;
        if (checkNumber(line, path, v, {double(min), double(max)}, {}, &checked))
            *out = static_cast<int>(checked);
    }

    // Iterates an object's members, dispatching known names (by index into `names`) to onField.
    // Reports unknown members (warning), duplicates and missing required members (errors).
    // Returns false when the object was not read (wrong type) or onField asked to skip the rest.
    template<size_t N, class F>
    bool readObject(const PathNode &path, const std::array<const char *, N> &names, uint64_t required,
                    F &&onField)
    {
        static_assert(N <= 64);
        if (m_reader.peek() != JsonReader::Kind::Object) {
            typeError(path, "an object");
            return false;
        }
        const int line = m_reader.line();
        m_reader.beginObject();
        uint64_t seen = 0;
        QSet<QByteArray> unknownSeen;
        std::string_view key;
        while (running() && m_reader.nextMember(&key)) {
            const int keyLine = m_reader.line();
            size_t index = N;
            for (size_t i = 0; i < N; ++i) {
                if (key == names[i]) {
                    index = i;
                    break;
                }
            }
            if (index == N) {
                const QByteArray k(key.data(), static_cast<qsizetype>(key.size()));
                if (unknownSeen.contains(k))
                    error(keyLine, path,
                          QStringLiteral("duplicate field %1").arg(quoted(QString::fromUtf8(k))));
                else
                    warning(keyLine, path,
                            QStringLiteral("unknown field %1 (ignored)").arg(quoted(QString::fromUtf8(k))));
                unknownSeen.insert(k);
                m_reader.skipValue();
                continue;
            }
            const uint64_t bit = uint64_t(1) << index;
            if (seen & bit) {
                error(keyLine, path,
                      QStringLiteral("duplicate field %1").arg(quoted(QLatin1String(names[index]))));
                m_reader.skipValue();
                continue;
            }
            seen |= bit;
            if (onField(index, path.child(names[index])) == FieldResult::SkipRest) {
                m_reader.skipToContainerEnd();
                return false;
            }
        }
        if (!running())
            return false;
        const uint64_t missing = required & ~seen;
        for (size_t i = 0; i < N; ++i) {
            if (missing & (uint64_t(1) << i))
                error(line, path,
                      QStringLiteral("missing required field %1").arg(quoted(QLatin1String(names[i]))));
        }
        return true;
    }

    template<class F>
    void readArray(const PathNode &path, F &&onElement)
    {
        if (m_reader.peek() != JsonReader::Kind::Array) {
            typeError(path, "an array");
            return;
        }
        m_reader.beginArray();
        qsizetype i = 0;
        while (running() && m_reader.nextElement()) {
            onElement(path.child(i));
            ++i;
        }
    }

    // Same key twice in one section: the later entry wins (warning).
    void checkDuplicate(QHash<QString, int> *seen, const QString &key, int line, const PathNode &path,
                        const char *what)
    {
        if (key.isEmpty())
            return;
        const auto it = seen->constFind(key);
        if (it != seen->constEnd())
            warning(line, path,
                    QStringLiteral("duplicate %1 %2 (also at line %3); the later one wins")
                        .arg(QLatin1String(what), quoted(key))
                        .arg(it.value()));
        else
            seen->insert(key, line);
    }

    void readAccelerator(const PathNode &path);
    void readMachineType(const PathNode &path);
    void readPrice(const PathNode &path);
    void readModel(const PathNode &path);
    void readModelServer(const PathNode &path);
    void readUseCase(const PathNode &path);
    void readProfile(const PathNode &path);
    void readProfiles(const PathNode &path);
    bool adopt(Parser &tail, qsizetype firstIndex);
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void readProvenance(const PathNode &path, Provenance *p);
    void readColumns(const PathNode &path, std::vector<int> *columns);
    void readPoints(const PathNode &path, const std::vector<int> &columns, QList<BenchmarkPoint> *points,
                    std::vector<int> *rowLines);
    bool wantedModel(std::string_view model) const
    {
        if (m_onlyModels.empty())
            return true;
        for (const std::string &m : m_onlyModels) {
            if (m == model)
                return true;
        }
        return false;
    }

    // Identity strings repeat across thousands of profiles: one shared QString per distinct value saves the
    // allocations, and lets the duplicate check compare data pointers instead of characters.
    struct ViewHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view v) const { return std::hash<std::string_view>()(v); }
    };
    QString intern(std::string_view v)
    {
        if (v.empty())
            return {};
        const auto it = m_interned.find(v);
        if (it != m_interned.end())
            return it->second;
        const QString s = QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
        m_interned.emplace(std::string(v), s);
        return s;
    }
    void readInterned(const PathNode &path, QString *out, bool nonEmpty = false)
    {
        if (m_reader.peek() != JsonReader::Kind::String) {
            typeError(path, "a string");
            return;
        }
        const int line = m_reader.line();
        std::string_view v;
        if (!m_reader.readUtf8(&v))
            return;
        *out = intern(v);
        if (nonEmpty && out->isEmpty())
            error(line, path, QStringLiteral("must not be empty"));
    }
    struct ProfileKey
    {
        const void *parts[6];
        int count;
        bool operator==(const ProfileKey &o) const
        {
            return count == o.count && std::equal(std::begin(parts), std::end(parts), std::begin(o.parts));
        }
        bool operator<(const ProfileKey &o) const
        {
            for (size_t i = 0; i < 6; ++i) {
                if (parts[i] != o.parts[i])
                    return std::less<const void *>()(parts[i], o.parts[i]);
            }
            return count < o.count;
        }
    };
    // Duplicate profiles are found once at the end by sorting (a hash table per profile cost more than
    // the sort: its nodes are cold by the time the next profile is read).
    struct ProfileKeyEntry
    {
        ProfileKey key;
        int line;
        qsizetype index;
    };
    void reportDuplicateProfiles();

    QByteArray m_json;
    JsonReader m_reader;
    QString m_file;
    const CatalogLoadOptions &m_options;
    CatalogLoadResult *m_result;
    std::vector<std::string> m_onlyModels;
    bool m_stop = false;

    QHash<QString, int> m_acceleratorLines, m_machineTypeLines, m_priceLines, m_modelLines, m_serverLines,
        m_useCaseLines;
    std::unordered_map<std::string, QString, ViewHash, std::equal_to<>> m_interned;
    std::vector<ProfileKeyEntry> m_profileKeys;
    std::string m_lastColumnsText; // the text of the last valid "columns" array and what it parsed to
    std::vector<int> m_lastColumns;
    std::vector<int> m_profileStartLines; // line of each profile appended (for the parallel merge)
    const std::atomic<bool> *m_cancel = nullptr;
    qsizetype m_tailEnd = 0;
    struct AcceleratorUse
    {
        QString label;
        int line;
        qsizetype profileIndex;
    };
    QList<AcceleratorUse> m_acceleratorUses;
};

constexpr Range kNonNegative{0, 1e12};

void Parser::readAccelerator(const PathNode &path)
{
    static constexpr std::array<const char *, 12> names{
        "gkeLabel",  "displayName", "isTpu",     "memoryGB",         "memoryBandwidthGBps", "bf16Tflops",
        "fp8Tflops", "int8Tops",    "fp4Tflops", "interconnectGBps", "interconnect",        "sources"};
    Accelerator a;
    const int line = m_reader.line();
    const bool ok = readObject(path, names, 0b1, [&](size_t i, const PathNode &p) {
        const Range hw{0, 1e7}; // GB, GB/s, TFLOPS per chip
        switch (i) {
        case 0:
            readString(p, &a.gkeLabel, true);
            break;
        case 1:
            readString(p, &a.displayName);
            break;
        case 2:
            readBool(p, &a.isTpu);
            break;
        case 3:
            readNumber(p, &a.memoryGB, hw);
            break;
        case 4:
            readNumber(p, &a.memoryBandwidthGBps, hw);
            break;
        case 5:
            readNumber(p, &a.bf16Tflops, hw);
            break;
        case 6:
            readNumber(p, &a.fp8Tflops, hw);
            break;
        case 7:
            readNumber(p, &a.int8Tops, hw);
            break;
        case 8:
            readNumber(p, &a.fp4Tflops, hw);
            break;
        case 9:
            readNumber(p, &a.interconnectGBps, hw);
            break;
        case 10:
            readString(p, &a.interconnect);
            break;
        case 11:
            readStringList(p, &a.sources);
            break;
        }
        return FieldResult::Continue;
    });
    if (ok) {
        checkDuplicate(&m_acceleratorLines, a.gkeLabel, line, path, "accelerator");
        m_result->data.accelerators.append(std::move(a));
    }
}

void Parser::readMachineType(const PathNode &path)
{
    static constexpr std::array<const char *, 7> names{
        "name", "accelerator", "acceleratorCount", "tpuTopology", "vcpus", "memoryGB", "sources"};
    MachineType m;
    const int line = m_reader.line();
    const bool ok = readObject(path, names, 0b1, [&](size_t i, const PathNode &p) {
        switch (i) {
        case 0:
            readString(p, &m.name, true);
            break;
        case 1:
            readString(p, &m.accelerator);
            break;
        case 2:
            readInt(p, &m.acceleratorCount, 0, 100000);
            break;
        case 3:
            readString(p, &m.tpuTopology);
            break;
        case 4:
            readInt(p, &m.vcpus, 0, 100000);
            break;
        case 5:
            readNumber(p, &m.memoryGB, {0, 1e7});
            break;
        case 6:
            readStringList(p, &m.sources);
            break;
        }
        return FieldResult::Continue;
    });
    if (ok) {
        checkDuplicate(&m_machineTypeLines, m.name, line, path, "machine type");
        m_result->data.machineTypes.append(std::move(m));
    }
}

void Parser::readPrice(const PathNode &path)
{
    static constexpr std::array<const char *, 8> names{"machineType", "region", "pricingModel", "usdPerHour",
                                                       "asOf",        "source", "derived",      "note"};
    Price pr;
    const int line = m_reader.line();
    const bool ok = readObject(path, names, 0b1111, [&](size_t i, const PathNode &p) {
        switch (i) {
        case 0:
            readString(p, &pr.machineType, true);
            break;
        case 1:
            readString(p, &pr.region, true);
            break;
        case 2: {
            const int l = m_reader.line();
            readString(p, &pr.pricingModel, true);
            if (!pr.pricingModel.isEmpty() && !pricingModelNames().contains(pr.pricingModel))
                error(l, p,
                      QStringLiteral("unknown pricing model %1 (expected one of: %2)")
                          .arg(quoted(pr.pricingModel), pricingModelNames().join(QStringLiteral(", "))));
            break;
        }
        case 3:
            readNumber(p, &pr.usdPerHour, {0, 1e6}, QStringLiteral("price"), false);
            break;
        case 4:
            readString(p, &pr.asOf);
            break;
        case 5:
            readString(p, &pr.source);
            break;
        case 6:
            readBool(p, &pr.derived);
            break;
        case 7:
            readString(p, &pr.note);
            break;
        }
        return FieldResult::Continue;
    });
    if (ok) {
        checkDuplicate(&m_priceLines,
                       pr.machineType + QLatin1Char(' ') + pr.region + QLatin1Char(' ') + pr.pricingModel,
                       line, path, "price");
        m_result->data.prices.append(std::move(pr));
    }
}

void Parser::readModel(const PathNode &path)
{
    static constexpr std::array<const char *, 9> names{
        "id",        "family",    "architecture",     "parametersB", "activeParametersB",
        "weightsGB", "precision", "maxContextLength", "sources"};
    Model m;
    const int line = m_reader.line();
    const bool ok = readObject(path, names, 0b1, [&](size_t i, const PathNode &p) {
        switch (i) {
        case 0:
            readString(p, &m.id, true);
            break;
        case 1:
            readString(p, &m.family);
            break;
        case 2:
            readString(p, &m.architecture);
            break;
        case 3:
            readNumber(p, &m.parametersB, {0, 1e6});
            break;
        case 4:
            readNumber(p, &m.activeParametersB, {0, 1e6});
            break;
        case 5:
            readNumber(p, &m.weightsGB, {0, 1e7});
            break;
        case 6:
            readString(p, &m.precision);
            break;
        case 7:
            readInt(p, &m.maxContextLength, 0, 1'000'000'000);
            break;
        case 8:
            readStringList(p, &m.sources);
            break;
        }
        return FieldResult::Continue;
    });
    if (ok) {
        checkDuplicate(&m_modelLines, m.id, line, path, "model");
        m_result->data.models.append(std::move(m));
    }
}

void Parser::readModelServer(const PathNode &path)
{
    static constexpr std::array<const char *, 3> names{"name", "versions", "image"};
    ModelServer s;
    const int line = m_reader.line();
    const bool ok = readObject(path, names, 0b1, [&](size_t i, const PathNode &p) {
        switch (i) {
        case 0:
            readString(p, &s.name, true);
            break;
        case 1:
            readStringList(p, &s.versions);
            break;
        case 2:
            readString(p, &s.image);
            break;
        }
        return FieldResult::Continue;
    });
    if (ok) {
        checkDuplicate(&m_serverLines, s.name, line, path, "model server");
        m_result->data.modelServers.append(std::move(s));
    }
}

void Parser::readUseCase(const PathNode &path)
{
    static constexpr std::array<const char *, 3> names{"name", "inputLength", "outputLength"};
    UseCase u;
    const int line = m_reader.line();
    const bool ok = readObject(path, names, 0b111, [&](size_t i, const PathNode &p) {
        switch (i) {
        case 0:
            readString(p, &u.name, true);
            break;
        case 1:
            readInt(p, &u.inputLength, 1, 100'000'000);
            break;
        case 2:
            readInt(p, &u.outputLength, 1, 100'000'000);
            break;
        }
        return FieldResult::Continue;
    });
    if (ok) {
        checkDuplicate(&m_useCaseLines, u.name, line, path, "use case");
        m_result->data.useCases.append(std::move(u));
    }
}

void Parser::readProvenance(const PathNode &path, Provenance *prov)
{
    static constexpr std::array<const char *, 7> names{
        "kind", "source", "date", "estimatorVersion", "errorBandPercent", "file", "note"};
    readObject(path, names, 0b1, [&](size_t i, const PathNode &p) {
        switch (i) {
        case 0: {
            const int line = m_reader.line();
            QString kind;
            readInterned(p, &kind);
            if (!kind.isNull() && !parseProvenanceKind(kind, &prov->kind))
                error(line, p,
                      QStringLiteral("unknown provenance kind %1 (expected measured, estimated or imported)")
                          .arg(quoted(kind)));
            break;
        }
        case 1:
            readInterned(p, &prov->source);
            break;
        case 2:
            readInterned(p, &prov->date);
            break;
        case 3:
            readInterned(p, &prov->estimatorVersion);
            break;
        case 4:
            readNumber(p, &prov->errorBandPercent, {0, 1e6});
            break;
        case 5:
            readString(p, &prov->file);
            break;
        case 6:
            readInterned(p, &prov->note);
            break;
        }
        return FieldResult::Continue;
    });
}

void Parser::readColumns(const PathNode &path, std::vector<int> *columns)
{
    columns->clear();
    if (m_reader.peek() != JsonReader::Kind::Array) {
        typeError(path, "an array of column names");
        return;
    }
    m_reader.beginArray();
    qsizetype i = 0;
    std::vector<bool> used(static_cast<size_t>(pointColumns().size()), false);
    while (running() && m_reader.nextElement()) {
        const PathNode child = path.child(i++);
        if (m_reader.peek() != JsonReader::Kind::String) {
            typeError(child, "a column name");
            columns->push_back(-1);
            continue;
        }
        const int line = m_reader.line();
        std::string_view name;
        if (!m_reader.readUtf8(&name))
            return;
        const int index = pointColumnIndex(name);
        const QString qname = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
        if (index < 0) {
            QStringList known;
            for (const PointColumn &c : pointColumns())
                known.append(QString::fromLatin1(c.name.data(), static_cast<qsizetype>(c.name.size())));
            error(line, child,
                  QStringLiteral("unknown column %1 (known: %2)")
                      .arg(quoted(qname), known.join(QStringLiteral(", "))));
        } else if (used[static_cast<size_t>(index)]) {
            error(line, child, QStringLiteral("duplicate column %1").arg(quoted(qname)));
        } else {
            used[static_cast<size_t>(index)] = true;
            columns->push_back(index);
            continue;
        }
        columns->push_back(-1);
    }
}

void Parser::readPoints(const PathNode &path, const std::vector<int> &columns, QList<BenchmarkPoint> *points,
                        std::vector<int> *rowLines)
{
    if (m_reader.peek() != JsonReader::Kind::Array) {
        typeError(path, "an array of points");
        return;
    }
    const auto &defs = pointColumns();
    const size_t n = columns.size();
    m_reader.beginArray();
    qsizetype row = 0;
    while (running() && m_reader.nextElement()) {
        const PathNode rowPath = path.child(row++);
        const int rowLine = m_reader.line();
        if (m_reader.peek() != JsonReader::Kind::Array) {
            typeError(rowPath, "an array of numbers (one per column)");
            continue;
        }
        m_reader.beginArray();
        BenchmarkPoint p;
        size_t j = 0;
        bool bad = false;
        while (true) {
            double v;
            const JsonReader::Element e = m_reader.nextNumberElement(&v);
            if (e == JsonReader::Element::End || e == JsonReader::Element::Error)
                break;
            if (j >= n) {
                if (e == JsonReader::Element::Other)
                    m_reader.skipValue();
                ++j;
                continue;
            }
            const int col = columns[j];
            if (e == JsonReader::Element::Number && col >= 0) {
                const PointColumn &def = defs[col];
                if (v >= 0 && v <= def.maximum()) { // false for NaN
                    def.ref(p) = v;
                } else {
                    const PathNode valuePath = rowPath.child(static_cast<qsizetype>(j));
                    error(m_reader.line(),
                          QStringLiteral("%1 (%2): %3")
                              .arg(valuePath.toString(),
                                   QString::fromLatin1(def.name.data(),
                                                       static_cast<qsizetype>(def.name.size())),
                                   rangeProblem(v, {0, def.maximum()}, def.unitName())));
                    bad = true;
                }
            } else if (e == JsonReader::Element::Other && col >= 0) {
                const PathNode valuePath = rowPath.child(static_cast<qsizetype>(j));
                const int line = m_reader.line();
                const QString got = m_reader.describeAndSkip();
                if (m_reader.failed())
                    break;
                error(line, QStringLiteral("%1 (%2): expected a number or null, got %3")
                                .arg(valuePath.toString(),
                                     QString::fromLatin1(defs[col].name.data(),
                                                         static_cast<qsizetype>(defs[col].name.size())),
                                     got));
                bad = true;
            } else if (e == JsonReader::Element::Other) {
                m_reader.skipValue(); // column already reported as unknown
            }
            ++j;
        }
        if (m_reader.failed())
            return;
        if (j != n) {
            error(rowLine, rowPath,
                  QStringLiteral("expected %1 values (one per column), got %2").arg(n).arg(j));
            bad = true;
        }
        if (!bad) {
            points->append(p);
            rowLines->push_back(rowLine);
        }
    }
}

void Parser::readProfile(const PathNode &path)
{
    static constexpr std::array<const char *, 16> names{"model",
                                                        "modelServer",
                                                        "modelServerVersion",
                                                        "accelerator",
                                                        "acceleratorCount",
                                                        "instanceType",
                                                        "tpuTopology",
                                                        "useCase",
                                                        "averageInputLength",
                                                        "averageOutputLength",
                                                        "servingStack",
                                                        "servingStackVersion",
                                                        "precision",
                                                        "provenance",
                                                        "columns",
                                                        "points"};
    Profile pr;
    const int line = m_reader.line();
    std::vector<int> columns;
    std::vector<int> rowLines;
    bool haveColumns = false;
    bool pointsPending = false;
    bool wanted = true;
    int acceleratorLine = 0;
    JsonReader::Position pointsAt;
    const bool ok = readObject(path, names, 0b10000000011011, [&](size_t i, const PathNode &p) {
        switch (i) {
        case 0: {
            // The fast path: "model" comes first, so other models' profiles are skipped unread.
            if (m_reader.peek() == JsonReader::Kind::String && !m_onlyModels.empty()) {
                std::string_view model;
                if (!m_reader.readUtf8(&model))
                    break;
                if (!wantedModel(model)) {
                    wanted = false;
                    return FieldResult::SkipRest;
                }
                pr.model = intern(model);
                if (pr.model.isEmpty())
                    error(m_reader.line(), p, QStringLiteral("must not be empty"));
            } else {
                readInterned(p, &pr.model, true);
            }
            break;
        }
        case 1:
            readInterned(p, &pr.modelServer, true);
            break;
        case 2:
            readInterned(p, &pr.modelServerVersion);
            break;
        case 3:
            acceleratorLine = m_reader.line();
            readInterned(p, &pr.accelerator, true);
            break;
        case 4:
            readInt(p, &pr.acceleratorCount, 1, 100000);
            break;
        case 5:
            readInterned(p, &pr.instanceType);
            break;
        case 6:
            readInterned(p, &pr.tpuTopology);
            break;
        case 7:
            readInterned(p, &pr.useCase);
            break;
        case 8:
            readNumber(p, &pr.averageInputLength, {0, 1e9});
            break;
        case 9:
            readNumber(p, &pr.averageOutputLength, {0, 1e9});
            break;
        case 10:
            readInterned(p, &pr.servingStack);
            break;
        case 11:
            readInterned(p, &pr.servingStackVersion);
            break;
        case 12:
            readInterned(p, &pr.precision);
            break;
        case 13:
            readProvenance(p, &pr.provenance);
            break;
        case 14: {
            haveColumns = true;
            if (!m_lastColumnsText.empty() && m_reader.skipIfNext(m_lastColumnsText)) {
                columns = m_lastColumns;
                break;
            }
            m_reader.peek();
            const qsizetype start = m_reader.offset();
            const qsizetype errorsBefore = m_result->errors.size();
            readColumns(p, &columns);
            if (m_result->errors.size() == errorsBefore && !m_reader.failed()) {
                m_lastColumnsText = std::string(m_reader.text(start, m_reader.offset()));
                m_lastColumns = columns;
            }
            break;
        }
        case 15:
            if (haveColumns) {
                readPoints(p, columns, &pr.points, &rowLines);
            } else {
                pointsAt = m_reader.position();
                pointsPending = true;
                m_reader.skipValue();
            }
            break;
        }
        return FieldResult::Continue;
    });
    if (!wanted || !running())
        return;
    if (pointsPending) {
        const PathNode p = path.child("points");
        if (!haveColumns) {
            error(pointsAt.line, p,
                  QStringLiteral("\"points\" needs \"columns\" (the name of each value in a point)"));
        } else {
            const JsonReader::Position after = m_reader.position();
            m_reader.seek(pointsAt);
            readPoints(p, columns, &pr.points, &rowLines);
            m_reader.seek(after);
        }
    }
    if (!ok)
        return;
    if (!m_onlyModels.empty() && !wantedModel(pr.model.toStdString()))
        return;
    // Points should come by increasing load: request rate, or concurrency when the rate is unknown.
    for (qsizetype k = 1; k < pr.points.size(); ++k) {
        const BenchmarkPoint &a = pr.points[k - 1];
        const BenchmarkPoint &b = pr.points[k];
        const bool byRate = isKnown(a.requestRate) && isKnown(b.requestRate);
        const bool byConcurrency = !byRate && isKnown(a.concurrency) && isKnown(b.concurrency);
        if ((byRate && b.requestRate < a.requestRate) || (byConcurrency && b.concurrency < a.concurrency)) {
            warning(rowLines[static_cast<size_t>(k)], path.child("points").child(k),
                    QStringLiteral("points are not sorted by increasing load (%1 %2 after %3)")
                        .arg(byRate ? QStringLiteral("requestRate") : QStringLiteral("concurrency"),
                             formatNumber(byRate ? b.requestRate : b.concurrency),
                             formatNumber(byRate ? a.requestRate : a.concurrency)));
            break;
        }
    }
    // Every identity string is interned: equal text <=> equal data pointer.
    const ProfileKey key{{pr.model.constData(), pr.modelServer.constData(), pr.modelServerVersion.constData(),
                          pr.accelerator.constData(), pr.instanceType.constData(), pr.useCase.constData()},
                         pr.acceleratorCount};
    m_profileKeys.push_back({key, line, path.index});
    if (!pr.accelerator.isEmpty())
        m_acceleratorUses.append({pr.accelerator, acceleratorLine, path.index});
    m_result->data.profiles.append(std::move(pr));
    m_profileStartLines.push_back(line);
}

// Large catalogs are mostly profiles. With two cores, a second thread parses the second half of the
// "profiles" array: the split is where the writer's layout puts a profile ("\n    {\n      \"model\": ");
// the result is used only when the main thread, parsing normally, arrives exactly at that offset as the
// start of an element, and the tail had no diagnostics (else it is parsed again here, so messages are
// always exact). Small files (the embedded catalog) never start a thread.
constexpr qsizetype kParallelThreshold = 8 * 1024 * 1024;

void Parser::readProfiles(const PathNode &path)
{
    if (m_reader.peek() != JsonReader::Kind::Array) {
        typeError(path, "an array");
        return;
    }
    m_reader.beginArray();
    const std::string_view all = m_reader.text(0, std::numeric_limits<qsizetype>::max());
    const qsizetype here = m_reader.offset();
    qsizetype splitAt = -1;
    std::atomic<bool> cancel{false};
    std::unique_ptr<CatalogLoadResult> tailResult;
    std::unique_ptr<Parser> tail;
    std::thread worker;
    bool tailOk = false;
    if (m_options.parallel && m_cancel == nullptr &&
        static_cast<qsizetype>(all.size()) - here > kParallelThreshold &&
        std::thread::hardware_concurrency() >= 2) {
        static constexpr std::string_view pattern = "\n    {\n      \"model\": ";
        const size_t mid = static_cast<size_t>(here) + (all.size() - static_cast<size_t>(here)) / 2;
        const size_t found = all.find(pattern, mid);
        if (found != std::string_view::npos) {
            splitAt = static_cast<qsizetype>(found) + 5; // the '{'
            tailResult = std::make_unique<CatalogLoadResult>();
            tail = std::make_unique<Parser>(m_json, m_file, m_options, tailResult.get());
            worker = std::thread([&] { tailOk = tail->runProfilesTail(splitAt, &cancel); });
        }
    }
    auto stopWorker = [&] {
        if (worker.joinable()) {
            cancel = true;
            worker.join();
        }
        splitAt = -1;
    };
    qsizetype i = 0;
    while (running() && m_reader.nextElement()) {
        if (splitAt >= 0) {
            m_reader.peek();
            const qsizetype at = m_reader.offset();
            if (at == splitAt) {
                worker.join();
                splitAt = -1;
                if (tailOk && adopt(*tail, i))
                    return; // the reader is now after the array
            } else if (at > splitAt) {
                stopWorker(); // the split was not an element boundary of this array
            }
        }
        readProfile(path.child(i++));
    }
    stopWorker();
}

bool Parser::adopt(Parser &tail, qsizetype firstIndex)
{
    const int lineOffset = m_reader.line() - 1;
    // The tail interned its own strings: map them onto ours so the duplicate check can compare pointers.
    QHash<const void *, QString> remap;
    remap.reserve(static_cast<qsizetype>(tail.m_interned.size()));
    for (const auto &[text, value] : tail.m_interned)
        remap.insert(value.constData(), intern(text));
    auto fix = [&](QString &s) {
        if (!s.isEmpty())
            s = remap.value(s.constData(), s);
    };
    QList<Profile> &profiles = tail.m_result->data.profiles;
    for (qsizetype k = 0; k < profiles.size(); ++k) {
        Profile &pr = profiles[k];
        for (QString *f : {&pr.model, &pr.modelServer, &pr.modelServerVersion, &pr.accelerator,
                           &pr.instanceType, &pr.useCase, &pr.tpuTopology, &pr.precision, &pr.servingStack,
                           &pr.servingStackVersion, &pr.provenance.source, &pr.provenance.date,
                           &pr.provenance.estimatorVersion, &pr.provenance.note})
            fix(*f);
        const int line = tail.m_profileStartLines[static_cast<size_t>(k)] + lineOffset;
        const ProfileKey key{{pr.model.constData(), pr.modelServer.constData(),
                              pr.modelServerVersion.constData(), pr.accelerator.constData(),
                              pr.instanceType.constData(), pr.useCase.constData()},
                             pr.acceleratorCount};
        m_profileKeys.push_back({key, line, firstIndex + k});
        m_profileStartLines.push_back(line);
    }
    for (const AcceleratorUse &use : std::as_const(tail.m_acceleratorUses))
        m_acceleratorUses.append({use.label, use.line + lineOffset, use.profileIndex + firstIndex});
    m_result->data.profiles.append(std::move(profiles));
    // Continue after the array, as if this thread had read it.
    JsonReader::Position after = m_reader.position();
    after.stack.pop_back();
    after.offset = tail.m_tailEnd;
    after.line = tail.m_reader.line() + lineOffset;
    m_reader.seek(after);
    return true;
}

void Parser::reportDuplicateProfiles()
{
    std::vector<size_t> order(m_profileKeys.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const ProfileKeyEntry &x = m_profileKeys[a];
        const ProfileKeyEntry &y = m_profileKeys[b];
        return x.key < y.key || (x.key == y.key && x.index < y.index);
    });
    std::vector<std::pair<size_t, int>> duplicates; // entry, line of the first occurrence
    for (size_t i = 1, first = 0; i < order.size(); ++i) {
        if (m_profileKeys[order[i]].key == m_profileKeys[order[first]].key)
            duplicates.emplace_back(order[i], m_profileKeys[order[first]].line);
        else
            first = i;
    }
    std::sort(duplicates.begin(), duplicates.end());
    const PathNode profiles{nullptr, "profiles", 0};
    for (const auto &[entry, firstLine] : duplicates) {
        const ProfileKeyEntry &e = m_profileKeys[entry];
        warning(e.line, profiles.child(e.index),
                QStringLiteral("duplicate profile (same model, model server and version, accelerator and "
                               "count, instance type and use case as at line %1); the later one wins")
                    .arg(firstLine));
    }
}

void Parser::run()
{
    const auto top = m_reader.peek();
    if (top == JsonReader::Kind::End) {
        error(0, QStringLiteral("file is empty (expected a catalog: {\"format\": \"iq-catalog\", ...})"));
        return;
    }
    if (top != JsonReader::Kind::Object) {
        const int line = m_reader.line();
        const QString got = m_reader.describeAndSkip();
        if (!m_reader.failed())
            error(line, QStringLiteral("expected a catalog object at the top level, got %1").arg(got));
        else
            error(m_reader.errorLine(), m_reader.errorMessage());
        return;
    }
    static constexpr std::array<const char *, 11> names{
        "format", "version", "name",         "description", "accelerators", "machineTypes",
        "prices", "models",  "modelServers", "useCases",    "profiles"};
    bool versionSeen = false;
    bool formatSeen = false;
    readObject(PathNode{nullptr, "catalog", 0}, names, 0, [&](size_t i, const PathNode &p0) {
        const PathNode p{nullptr, names[i], 0}; // top-level paths are just the member name
        Q_UNUSED(p0);
        switch (i) {
        case 0: {
            formatSeen = true;
            const int line = m_reader.line();
            QString format;
            readString(p, &format);
            if (!format.isNull() && format != QLatin1String("iq-catalog")) {
                error(line, p,
                      QStringLiteral("expected \"iq-catalog\", got %1 (not a catalog file?)")
                          .arg(quoted(format)));
                m_stop = true;
            }
            break;
        }
        case 1: {
            versionSeen = true;
            const int line = m_reader.line();
            int version = -1;
            readInt(p, &version, 1, 1'000'000);
            if (version > kCatalogFormatVersion) {
                error(
                    line, p,
                    QStringLiteral("catalog format version %1 is newer than this program reads (version %2); "
                                   "update the program or write the catalog as version %2")
                        .arg(version)
                        .arg(kCatalogFormatVersion));
                m_stop = true;
            }
            break;
        }
        case 2:
            readString(p, &m_result->data.name);
            break;
        case 3:
            readString(p, &m_result->data.description);
            break;
        case 4:
            readArray(p, [&](const PathNode &e) { readAccelerator(e); });
            break;
        case 5:
            readArray(p, [&](const PathNode &e) { readMachineType(e); });
            break;
        case 6:
            readArray(p, [&](const PathNode &e) { readPrice(e); });
            break;
        case 7:
            readArray(p, [&](const PathNode &e) { readModel(e); });
            break;
        case 8:
            readArray(p, [&](const PathNode &e) { readModelServer(e); });
            break;
        case 9:
            readArray(p, [&](const PathNode &e) { readUseCase(e); });
            break;
        case 10:
            readProfiles(p);
            break;
        }
        return FieldResult::Continue;
    });
    if (m_reader.failed()) {
        error(m_reader.errorLine(), m_reader.errorMessage());
        return;
    }
    if (m_stop)
        return;
    if (!m_reader.atEnd())
        error(m_reader.line(), QStringLiteral("unexpected data after the catalog object"));
    if (!formatSeen)
        error(1, QStringLiteral("missing required field \"format\" (\"iq-catalog\")"));
    if (!versionSeen)
        error(1, QStringLiteral("missing required field \"version\" (%1)").arg(kCatalogFormatVersion));

    reportDuplicateProfiles();

    QSet<QString> known(m_options.knownAccelerators.cbegin(), m_options.knownAccelerators.cend());
    for (const Accelerator &a : std::as_const(m_result->data.accelerators))
        known.insert(a.gkeLabel);
    if (!known.isEmpty()) {
        for (const AcceleratorUse &use : std::as_const(m_acceleratorUses)) {
            if (!known.contains(use.label)) {
                const PathNode profiles{nullptr, "profiles", 0};
                warning(
                    use.line, profiles.child(use.profileIndex).child("accelerator"),
                    QStringLiteral("unknown accelerator %1 (not defined in this catalog or the embedded one)")
                        .arg(quoted(use.label)));
            }
        }
    }
}

} // namespace

CatalogLoadResult parseCatalog(const QByteArray &json, const QString &nameForErrors,
                               const CatalogLoadOptions &options)
{
    CatalogLoadResult result;
    Parser parser(json, nameForErrors, options, &result);
    parser.run();
    return result;
}

CatalogLoadResult loadCatalogFile(const QString &path, const CatalogLoadOptions &options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        CatalogLoadResult result;
        result.errors.append({path, 0, QStringLiteral("cannot open: %1").arg(file.errorString())});
        return result;
    }
    const qint64 size = file.size();
    if (size > 0) {
        // Mapping avoids a copy of large files; resources and special files fall back to reading.
        if (uchar *mapped = file.map(0, size)) {
            const QByteArray view = QByteArray::fromRawData(reinterpret_cast<const char *>(mapped), size);
            CatalogLoadResult result = parseCatalog(view, path, options);
            file.unmap(mapped);
            return result;
        }
    }
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        CatalogLoadResult result;
        result.errors.append({path, 0, QStringLiteral("cannot read: %1").arg(file.errorString())});
        return result;
    }
    return parseCatalog(data, path, options);
}

} // namespace iq
