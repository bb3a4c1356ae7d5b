#include "core/drummap.h"

#include <QtTest/QtTest>

using namespace gs;

class TestDrumMap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtInMapsHaveNineVoices()
    {
        for (const std::string& name : DrumMap::builtInNames()) {
            auto map = DrumMap::byName(name);
            QVERIFY2(map.ok(), name.c_str());
            QCOMPARE(map->voiceCount(), 9);
            QCOMPARE(map->name(), name);
        }
    }
    void groovaeFoldsRolandPitches()
    {
        const DrumMap m = DrumMap::groovae();
        QCOMPARE(m.voiceForNote(36), 0);
        QCOMPARE(m.voiceForNote(37), 1);  // cross-stick is snare
        QCOMPARE(m.voiceForNote(22), 2);  // TD-11 hi-hat closed edge
        QCOMPARE(m.voiceForNote(26), 3);  // TD-11 hi-hat open edge
        QCOMPARE(m.voiceForNote(58), 4);  // floor tom rim, not vibraslap
        QCOMPARE(m.voiceForNote(45), 5);
        QCOMPARE(m.voiceForNote(48), 6);
        QCOMPARE(m.voiceForNote(55), 7);
        QCOMPARE(m.voiceForNote(59), 8);  // ride edge
        QCOMPARE(m.voiceForNote(21), -1);
        QCOMPARE(m.outputNote(2), 42);
    }
    void strictMapLeavesPercussionOut()
    {
        QCOMPARE(DrumMap::gm().voiceForNote(54), -1);  // tambourine
        QCOMPARE(DrumMap::gmGreedy().voiceForNote(54), 2);
        QCOMPARE(DrumMap::gm().voiceForNote(22), -1);  // not a GM note
    }
    void jsonRoundTrip()
    {
        const DrumMap m = DrumMap::groovae();
        auto back = DrumMap::fromJsonText(m.toJson(), "memory");
        QVERIFY(back.ok());
        QVERIFY(*back == m);
    }
    void userMapWithOutputNote()
    {
        auto m = DrumMap::fromJsonText(
            R"({"name":"two","voices":[{"name":"Kick","notes":[35,36],"output":36},{"name":"Clap","notes":[39]}]})",
            "two.json");
        QVERIFY(m.ok());
        QCOMPARE(m->voiceCount(), 2);
        QCOMPARE(m->outputNote(0), 36);
        QCOMPARE(m->outputNote(1), 39);
        QCOMPARE(m->voiceForNote(35), 0);
    }
    void badJsonNamesTheFileAndProblem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{nope" << "not a JSON object";
        QTest::newRow("no voices") << "{}" << "\"voices\"";
        QTest::newRow("note range") << R"({"voices":[{"notes":[200]}]})" << "outside 0..127";
        QTest::newRow("empty notes") << R"({"voices":[{"notes":[]}]})" << "non-empty \"notes\"";
    }
    void badJsonNamesTheFileAndProblem()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        auto m = DrumMap::fromJsonText(text.toStdString(), "my-map.json");
        QVERIFY(!m.ok());
        QCOMPARE(m.error().file, std::string("my-map.json"));
        QVERIFY2(QString::fromStdString(m.error().message).contains(expected), m.error().message.c_str());
    }
    void missingFile()
    {
        auto m = DrumMap::byName("/nonexistent/map.json");
        QVERIFY(!m.ok());
        QCOMPARE(m.error().file, std::string("/nonexistent/map.json"));
    }
};

QTEST_APPLESS_MAIN(TestDrumMap)
#include "tst_drummap.moc"
