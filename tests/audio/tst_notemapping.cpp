// Which instrument a note plays in kits without a usable note map: the
// instrument's name in the spellings real kits use, a distinct explicit note
// first, Hydrogen's order last. Pure logic (drumnames, notemapping).
#include "audio/drumnames.h"
#include "audio/notemapping.h"

#include <QtTest/QtTest>

using namespace gs;

namespace {

int playerOf(const NoteAssignment& a, int note) { return a.instrument[std::size_t(note)]; }
NoteSource sourceOf(const NoteAssignment& a, int note) { return a.source[std::size_t(note)]; }

} // namespace

class TestNoteMapping : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namesRealKitsUse_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("note");  // the GM note it must fit best (fit 0)
        const std::pair<const char*, int> rows[] = {{"BassDrum", 36}, {"Kick Lite 1", 36}, {"c3 - bass drum 1", 36},
            {"Pearl Kick", 36}, {"Snare Jazz", 38}, {"Hi Hat Closed", 42}, {"Closed HH", 42}, {"Hat Closed Bs", 42},
            {"VariBreaks Hat 1 Cl", 42}, {"Hi Hat Opened", 46}, {"Hat Op Dirty", 46}, {"Open HH", 46},
            {"VariBreaks Hat 1 Pd", 44}, {"Pedal HH", 44}, {"Floor Tom", 43}, {"Tom Low", 43}, {"b3 - low tom", 43},
            {"Tom Mid", 47}, {"c4 - middle tom", 47}, {"Tom Hi", 50}, {"tomhi2", 50}, {"Tom High (Tama Superstar 12\")", 50},
            {"Crash Left", 49}, {"crash16inch", 49}, {"Ride Jazz", 51}, {"Paiste Ride", 51}, {"Hand Clap", 39},
            {"Pearl Side Stick", 37}, {"Rim Click", 37}, {"Cowbell", 56}};
        for (const auto& [name, note] : rows)
            QTest::newRow(name) << QString::fromUtf8(name) << note;
    }
    void namesRealKitsUse()
    {
        QFETCH(QString, name);
        QFETCH(int, note);
        QCOMPARE(drumNameFit(classifyDrumName(name.toStdString()), note), 0);
    }

    void namesThatSayNothingOrSomethingElse()
    {
        QCOMPARE(classifyDrumName("Djembe1 Bass").drum, DrumClass::None);  // a bass tone, not a bass drum
        QCOMPARE(classifyDrumName("Ride (Custom, Zagrebin 22\")").drum, DrumClass::Ride);  // "Custom" is no tom
        QCOMPARE(classifyDrumName("Hi-Hat Pedal").drum, DrumClass::PedalHat);  // no kick for "pedal"
        QCOMPARE(classifyDrumName("Snare Rimshot").drum, DrumClass::Snare);
        QCOMPARE(drumNameFit(classifyDrumName("Kick Ring"), 43), -1);  // a kick never plays a tom
        QVERIFY(drumNameFit(classifyDrumName("Sabian Hat Semi-Open"), 46) > drumNameFit(classifyDrumName("Sabian Hat Open"), 46));
    }

    void sharedNotesSayNothing()
    {
        // Audiophob, The Black Pearl: every midiOutNote is 60. Names decide.
        const NoteAssignment a = assignNotes({{"Kick", 60}, {"Stick", 60}, {"Snare Jazz", 60}, {"Closed HH", 60}, {"Open HH", 60}});
        QCOMPARE(playerOf(a, 36), 0);
        QCOMPARE(sourceOf(a, 36), NoteSource::Name);
        QCOMPARE(playerOf(a, 38), 2);
        QCOMPARE(playerOf(a, 42), 3);
        QCOMPARE(playerOf(a, 46), 4);
        QCOMPARE(playerOf(a, 60), -1);
    }

    void aKickOnNote35StillPlaysKicks()
    {
        // ForzeeStereo: the kick's own note is 35 (GM acoustic bass drum); the kick voice plays 36.
        const NoteAssignment a = assignNotes({{"Kick (Tama Superstar 22\")", 35}, {"Snare", 40}, {"Snare Rimshot", 38}});
        QCOMPARE(playerOf(a, 35), 0);
        QCOMPARE(sourceOf(a, 35), NoteSource::Note);
        QCOMPARE(playerOf(a, 36), 0);
        QCOMPARE(sourceOf(a, 36), NoteSource::Name);
        QCOMPARE(playerOf(a, 38), 2);
        QCOMPARE(sourceOf(a, 38), NoteSource::Note);
    }

    void anotherOrderStillPlaysTheRightDrums()
    {
        // ElectricEmpireKit-like: kicks first, no notes. Order alone would play kicks for the snare and hats.
        const NoteAssignment a = assignNotes({{"Kick Lite 1"}, {"Kick Lite 2"}, {"Kick Low 1"}, {"Kick Low 2"}, {"Kick Nz"},
            {"Kick Old"}, {"Kick Power"}, {"Kick Ring"}, {"Snare 1"}, {"Clap"}, {"Hat Closed Bs"}, {"Hat Op Dirty"}});
        QCOMPARE(playerOf(a, 36), 0);
        QCOMPARE(playerOf(a, 38), 8);
        QCOMPARE(playerOf(a, 42), 10);
        QCOMPARE(playerOf(a, 46), 11);
        // No tom in this kit: the tom notes stay silent rather than playing "Kick Ring" (instrument 7, note 43 by order).
        QCOMPARE(playerOf(a, 43), -1);
        QCOMPARE(playerOf(a, 47), -1);
    }

    void explicitNotesThatContradictTheNameAreNotTrusted()
    {
        // A "Snare 2" on note 47 (a tom's note) does not play the mid-tom voice; the tom does.
        const NoteAssignment a = assignNotes({{"Snare 2", 47}, {"Tom Mid", 45}});
        QCOMPARE(playerOf(a, 47), 1);
        QCOMPARE(playerOf(a, 45), 1);
        QCOMPARE(sourceOf(a, 45), NoteSource::Note);
    }

    void hydrogenOrderForNamesThatSayNothing()
    {
        // circAfrique, Gimme A Hand: instrument i answers 36 + i.
        const NoteAssignment a = assignNotes({{"Djembe1 Slap"}, {"Djembe1 Tone"}, {"Cajon Thump"}, {"Hand Clap"}});
        QCOMPARE(playerOf(a, 36), 0);
        QCOMPARE(sourceOf(a, 36), NoteSource::Order);
        QCOMPARE(playerOf(a, 37), 1);
        QCOMPARE(playerOf(a, 38), 2);
        QCOMPARE(playerOf(a, 39), 3);
        QCOMPARE(sourceOf(a, 39), NoteSource::Name);
        // An unplayable instrument keeps its place but plays nothing.
        const NoteAssignment b = assignNotes({{"Thing", -1, false}, {"Other"}});
        QCOMPARE(playerOf(b, 36), -1);
        QCOMPARE(playerOf(b, 37), 1);
    }

    void fewerTomsThanVoices()
    {
        // BJA_Pacific: "Floor Tom" and "Tom": the three tom voices all sound.
        const NoteAssignment a = assignNotes({{"Tom"}, {"Floor Tom"}});
        QCOMPARE(playerOf(a, 43), 1);
        QCOMPARE(playerOf(a, 47), 0);
        QCOMPARE(playerOf(a, 50), 0);
    }
};

QTEST_GUILESS_MAIN(TestNoteMapping)
#include "tst_notemapping.moc"
