// Sound card and MIDI out on a machine that may have neither (our
// containers: no /dev/snd). Listing must not crash, opening must fail with a
// clear message, and the engine must keep working without a device.
#include "audio/rtaudiodriver.h"
#include "audio/serverprobe.h"
#include "audio/midioutput.h"
#include "audiotest.h"

#include <QtTest/QtTest>

#include <filesystem>

using namespace gs;
using namespace gs::test;

class TestDevices : public QObject {
    Q_OBJECT
private:
    static bool haveSoundCards() { return std::filesystem::exists("/dev/snd"); }

private Q_SLOTS:
    void listingApisNeverOffersJackWithoutAServer()
    {
        const auto apis = RtAudioDriver::availableApis();
        if (!jackServerRunning())
            QVERIFY(std::find(apis.begin(), apis.end(), "jack") == apis.end());
        QVERIFY(std::find(apis.begin(), apis.end(), "dummy") == apis.end());
    }

    void listingDevicesDoesNotCrash()
    {
        auto devices = RtAudioDriver::listDevices();
        if (!devices) {
            QVERIFY(!devices.error().message.empty());
            return;
        }
        if (!haveSoundCards() && !std::getenv("PULSE_SERVER"))
            QCOMPARE(int(devices->size()), 0);
        for (const auto& d : *devices)
            QVERIFY(d.outputChannels > 0);
    }

    void openingWithoutADeviceFailsClearly()
    {
        if (haveSoundCards())
            QSKIP("this machine has sound cards; the no-device path cannot be shown here");
        Engine engine;
        engine.prepare(48000.0);
        RtAudioDriver device;
        const Status opened = device.open({});
        QVERIFY(!opened);
        const std::string& message = opened.error().message;
        QVERIFY2(message.find("no audio") != std::string::npos || message.find("cannot open") != std::string::npos,
            message.c_str());
        QVERIFY(!device.isOpen());
        QCOMPARE(device.errorDescription(), message);
        QVERIFY(!device.start());  // not open: refused, not crashed
        const Status jack = device.open({"jack", -1, 48000, 256});
        if (!jackServerRunning()) {
            QVERIFY(!jack);
            QVERIFY(jack.error().message.find("JACK") != std::string::npos);
        }
        // The engine keeps working without sound: an offline block still renders.
        auto kit = loadAssetKit("acoustic", 48000.0);
        QVERIFY(engine.setKit(kit));
        QVERIFY(engine.setPattern(makePattern({{0, 0, 1.0f, 0.0f}})));
        QVERIFY(engine.start());
        std::vector<float> block(2 * 4096);
        engine.process(block.data(), 4096);
        QCOMPARE(engine.stats().hitsPlayed, std::uint64_t(1));
        QVERIFY(firstAbove(block, 0, 0.01f) >= 0);
    }

    void midiWithoutASequencerFailsClearly()
    {
        if (MidiOutput::sequencerAvailable())
            QSKIP("this machine has an ALSA sequencer");
        auto ports = MidiOutput::listPorts();
        QVERIFY(!ports);
        QVERIFY(ports.error().message.find("no ALSA sequencer") != std::string::npos);
        Engine engine;
        MidiOutput out(engine);
        const Status virtualPort = out.openVirtualPort("Groovescape");
        QVERIFY(!virtualPort);
        QVERIFY(virtualPort.error().message.find("/dev/snd/seq") != std::string::npos);
        QVERIFY(!out.openPort(0));
        QVERIFY(!out.isOpen());
    }

    void engineProducesMidiNotesAndClock()
    {
        // What a MIDI port would be sent: GM notes on channel 10 at the hits' frames, note-offs, clock.
        Engine engine;
        engine.prepare(48000.0);
        EngineSettings s;
        s.midiOut = true;
        s.midiClock = true;
        s.midiNoteMs = 50.0f;
        QVERIFY(engine.setSettings(s));
        QVERIFY(engine.setPattern(makePattern({{0, 0, 1.0f, 0.0f}, {4, 1, 0.5f, 0.5f}})));  // kick, snare late
        QVERIFY(engine.start());
        std::vector<float> block(2 * 256);
        for (int b = 0; b < 48000 / 256 + 1; ++b)
            engine.process(block.data(), 256);
        QVERIFY(engine.stop());
        engine.process(block.data(), 256);
        std::vector<MidiEvent> notes;
        int clocks = 0, starts = 0, stops = 0;
        MidiEvent e;
        while (engine.popMidi(e)) {
            if (e.data[0] == 0xF8)
                ++clocks;
            else if (e.data[0] == 0xFA)
                ++starts;
            else if (e.data[0] == 0xFC)
                ++stops;
            else
                notes.push_back(e);
        }
        QCOMPARE(starts, 1);
        QCOMPARE(stops, 1);
        // One second at 120 BPM = 2 quarters = 48 clocks (plus the one at the very start).
        QVERIFY2(clocks >= 48 && clocks <= 50, qPrintable(QString::number(clocks)));
        QCOMPARE(int(notes.size()), 4);
        QCOMPARE(int(notes[0].data[0]), 0x99);
        QCOMPARE(int(notes[0].data[1]), 36);
        QCOMPARE(notes[0].frame, std::int64_t(0));
        QCOMPARE(int(notes[1].data[0]), 0x89);  // note-off 50 ms later
        QCOMPARE(notes[1].frame, std::int64_t(2400));
        QCOMPARE(int(notes[2].data[1]), 38);
        QCOMPARE(notes[2].frame, std::int64_t(24000 + 1500));  // step 4, a quarter of a step late
        QCOMPARE(int(notes[2].data[2]), 64);
    }
};

QTEST_GUILESS_MAIN(TestDevices)
#include "tst_devices.moc"
