// AudioSettings + AudioLink device handling on this machine, which has no
// sound card and no ALSA sequencer: the real RtAudio / RtMidi listings run
// and come back empty with a clear state; apply() saves the choice, lists the
// devices on a worker (it returns before the output reopens) and
// reopens the output through a real AudioLink, which falls back to the null
// driver and says so; the values are clamped and notify once per change.
#include "transport/audiolink.h"
#include "transport/audiosettings.h"
#include "session.h"
#include "services.h"
#include "transport/transport.h"

#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest/QtTest>

using namespace gs;

class TstAudioSettings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("GroovescapeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_audiosettings"));
        QSettings().clear();
    }
    void cleanupTestCase() { QSettings().clear(); }

    void listsDevicesAndPortsOffTheGuiThread()
    {
        AudioSettings audio;
        QSignalSpy listing(&audio, &AudioSettings::listingChanged);
        QSignalSpy devices(&audio, &AudioSettings::devicesChanged);
        QSignalSpy ports(&audio, &AudioSettings::midiPortsChanged);
        QVERIFY(audio.listing());  // the constructor started a listing
        QVERIFY(listing.wait(20000));
        QVERIFY(!audio.listing());
        QCOMPARE(devices.count(), 1);
        QCOMPARE(ports.count(), 1);
        if (audio.hasDevices())
            QSKIP("this machine has an audio device: the no-device state cannot be checked here");
        QCOMPARE(audio.deviceIndex(), -1);
        QVERIFY2(audio.status().contains("No audio output device found") || audio.status().contains("playing silently"),
                 qPrintable(audio.status()));
        if (!audio.hasMidiPorts())
            QVERIFY2(audio.midiStatus().contains("MIDI"), qPrintable(audio.midiStatus()));
    }

    void valuesClampAndNotifyOnce()
    {
        AudioSettings audio;
        QSignalSpy listing(&audio, &AudioSettings::listingChanged);
        QVERIFY(listing.wait(20000));
        QSignalSpy buffer(&audio, &AudioSettings::bufferFramesChanged);
        QSignalSpy rate(&audio, &AudioSettings::sampleRateChanged);
        QSignalSpy port(&audio, &AudioSettings::midiPortIndexChanged);
        QSignalSpy device(&audio, &AudioSettings::deviceIndexChanged);
        QSignalSpy clock(&audio, &AudioSettings::midiClockChanged);
        audio.setBufferFrames(16);
        QCOMPARE(audio.bufferFrames(), AudioSettings::kMinBuffer);
        audio.setBufferFrames(100000);
        QCOMPARE(audio.bufferFrames(), AudioSettings::kMaxBuffer);
        audio.setBufferFrames(2048);
        QCOMPARE(buffer.count(), 2);
        audio.setSampleRate(44100);
        audio.setSampleRate(44100);
        QCOMPARE(rate.count(), 1);
        audio.setMidiPortIndex(audio.midiPorts().size() + 3);  // clamped to the last port (or off)
        QCOMPARE(audio.midiPortIndex(), int(audio.midiPorts().size()) - 1);
        audio.setDeviceIndex(-5);
        QCOMPARE(audio.deviceIndex(), -1);
        QCOMPARE(device.count(), 0);
        QCOMPARE(port.count(), audio.hasMidiPorts() ? 1 : 0);
        audio.setMidiClock(true);
        audio.setMidiClock(true);
        QCOMPARE(clock.count(), 1);
    }

    void applySavesAndReopensThroughTheEngine()
    {
        Session session(nullptr);
        QElapsedTimer opening;
        opening.start();
        AudioLink link(&session, nullptr, AudioLink::Driver::Device);
        qInfo("AudioLink opened its output in %lld ms on this thread: %s", opening.elapsed(), qPrintable(link.status()));
        Transport transport(&session, nullptr);
        Services::connectSound(transport, link);  // as the app's composition root does
        QSignalSpy linkStatus(&link, &AudioLink::statusChanged);
        AudioSettings audio(&link);
        QSignalSpy listing(&audio, &AudioSettings::listingChanged);
        QVERIFY(listing.wait(20000));
        audio.setBufferFrames(512);
        audio.setSampleRate(44100);
        audio.setMidiClock(true);
        QSignalSpy applying(&audio, &AudioSettings::applyingChanged);
        QSignalSpy applied(&audio, &AudioSettings::applied);
        QVERIFY(audio.apply());
        // The device listing runs on a worker: apply() came back before the output was reopened.
        QVERIFY(audio.applying());
        QCOMPARE(applied.count(), 0);
        QVERIFY(!audio.apply());  // one at a time
        QVERIFY(applied.wait(20000));
        QVERIFY(!audio.applying());
        QCOMPARE(applying.count(), 2);
        QCOMPARE(applied.count(), 1);
        const bool opened = applied.first().at(0).toBool();
        QCOMPARE(opened, audio.hasDevices() && link.deviceOpen());
        QVERIFY(linkStatus.count() >= 1);
        QCOMPARE(link.streamOptions().bufferFrames, 512u);
        QCOMPARE(link.streamOptions().sampleRate, 44100u);
        QCOMPARE(transport.deviceStatus(), link.status());
        QCOMPARE(audio.status(), link.status());
        if (!link.deviceOpen()) {
            QVERIFY2(link.status().contains("playing silently"), qPrintable(link.status()));
            // ...and why: every output of the fallback order was skipped with its reason (issue 15).
            QVERIFY2(link.status().contains("ALSA: "), qPrintable(link.status()));
            QVERIFY(!transport.deviceOk());
        }
        QVERIFY(!link.midiOpen() || audio.midiPortIndex() >= 0);
        QSettings settings;
        QCOMPARE(settings.value("audio/bufferFrames").toInt(), 512);
        QCOMPARE(settings.value("audio/sampleRate").toInt(), 44100);
        QCOMPARE(settings.value("midi/clock").toBool(), true);

        // The saved values come back in a new dialog; a port that does not exist fails with a reason.
        AudioSettings again(&link);
        QCOMPARE(again.bufferFrames(), 512);
        QCOMPARE(again.sampleRate(), 44100);
        QVERIFY(again.midiClock());
        const Status port = link.openMidiPort(99);
        QVERIFY(!port.ok());
        QVERIFY(!link.midiOpen());
        QVERIFY(!link.midiStatus().isEmpty());
        QVERIFY(link.openMidiPort(-1).ok());
        QSignalSpy againListing(&again, &AudioSettings::listingChanged);
        QVERIFY(againListing.wait(20000));
    }
};

QTEST_GUILESS_MAIN(TstAudioSettings)
#include "tst_audiosettings.moc"
