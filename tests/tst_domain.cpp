// Domain value types: unknown numbers (NaN) compare equal to unknown, and provenance names round-trip.

#include "domain.h"

#include <QTest>

class TestDomain : public QObject
{
    Q_OBJECT

private slots:
    void unknownEqualsUnknown()
    {
        iq::BenchmarkPoint a;
        a.requestRate = 2;
        iq::BenchmarkPoint b = a;
        QVERIFY(a == b); // every other field is NaN on both sides
        b.ttftMs.p99 = 120;
        QVERIFY(!(a == b));
        QVERIFY(iq::sameNumber(iq::kUnknown, iq::kUnknown));
        QVERIFY(!iq::sameNumber(iq::kUnknown, 0.0));
        QVERIFY(!iq::sameNumber(0.0, iq::kUnknown));
    }

    void profileEquality()
    {
        iq::Profile p;
        p.model = QStringLiteral("m");
        p.points.append(iq::BenchmarkPoint{});
        iq::Profile q = p;
        QVERIFY(p == q);
        q.provenance.errorBandPercent = 12;
        QVERIFY(!(p == q));
    }

    void provenanceKindNames()
    {
        for (auto kind : {iq::Provenance::Kind::Measured, iq::Provenance::Kind::Estimated,
                          iq::Provenance::Kind::Imported}) {
            iq::Provenance::Kind parsed = iq::Provenance::Kind::Measured;
            QVERIFY(iq::parseProvenanceKind(iq::provenanceKindName(kind), &parsed));
            QCOMPARE(parsed, kind);
        }
        iq::Provenance::Kind parsed = iq::Provenance::Kind::Imported;
        QVERIFY(!iq::parseProvenanceKind(QStringLiteral("guessed"), &parsed));
        QCOMPARE(parsed, iq::Provenance::Kind::Imported);
        QCOMPARE(iq::provenanceKindName(iq::Provenance::Kind::Estimated), QStringLiteral("estimated"));
    }
};

QTEST_GUILESS_MAIN(TestDomain)
#include "tst_domain.moc"
