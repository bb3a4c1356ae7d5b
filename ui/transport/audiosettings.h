#pragma once
// The audio and MIDI settings dialog's view-model: RtAudio output devices,
// sample rate and buffer size (64..2048 frames), the RtMidi output port and
// MIDI clock, and the MIDI input port whose clock to follow (ClockSync). refresh() lists devices and ports on a worker (ALSA probing can
// take a while); apply() saves the choice (QSettings "audio/...", "midi/...")
// and reopens the output through AudioLink (with no device the null driver
// keeps the engine running and `status` says so); the chosen device is found
// again in a fresh listing on a worker (up to seconds on ALSA), so the window
// stays responsive, and `applied` reports the end. Without an AudioLink
// (tests) apply() only saves.
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class QThread;

namespace gs {

class AudioLink;

class AudioSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes it: App.audioSettings")
    Q_PROPERTY(bool listing READ listing NOTIFY listingChanged)
    Q_PROPERTY(bool applying READ applying NOTIFY applyingChanged)
    Q_PROPERTY(QStringList devices READ devices NOTIFY devicesChanged)
    Q_PROPERTY(bool hasDevices READ hasDevices NOTIFY devicesChanged)
    Q_PROPERTY(int deviceIndex READ deviceIndex WRITE setDeviceIndex NOTIFY deviceIndexChanged)
    Q_PROPERTY(int sampleRate READ sampleRate WRITE setSampleRate NOTIFY sampleRateChanged)
    Q_PROPERTY(int bufferFrames READ bufferFrames WRITE setBufferFrames NOTIFY bufferFramesChanged)
    Q_PROPERTY(QStringList midiPorts READ midiPorts NOTIFY midiPortsChanged)
    Q_PROPERTY(bool hasMidiPorts READ hasMidiPorts NOTIFY midiPortsChanged)
    Q_PROPERTY(int midiPortIndex READ midiPortIndex WRITE setMidiPortIndex NOTIFY midiPortIndexChanged)
    Q_PROPERTY(bool midiClock READ midiClock WRITE setMidiClock NOTIFY midiClockChanged)
    Q_PROPERTY(QStringList clockPorts READ clockPorts NOTIFY midiPortsChanged)
    Q_PROPERTY(int clockPortIndex READ clockPortIndex WRITE setClockPortIndex NOTIFY clockPortIndexChanged)
    Q_PROPERTY(QString clockStatus READ clockStatus NOTIFY clockStatusChanged)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString midiStatus READ midiStatus NOTIFY statusChanged)

public:
    static constexpr int kMinBuffer = 64;
    static constexpr int kMaxBuffer = 2048;

    // Reads the saved settings, then refresh(). Without `link` (tests) it only saves them.
    explicit AudioSettings(AudioLink* link = nullptr, QObject* parent = nullptr);
    ~AudioSettings() override;

    bool listing() const { return m_listing; }
    bool applying() const { return m_applying; }
    QStringList devices() const { return m_devices; }
    bool hasDevices() const { return !m_devices.isEmpty(); }
    int deviceIndex() const { return m_deviceIndex; }
    void setDeviceIndex(int index);  // -1 = the default output
    int sampleRate() const { return m_sampleRate; }
    void setSampleRate(int rate);  // 22050..192000
    int bufferFrames() const { return m_bufferFrames; }
    void setBufferFrames(int frames);  // clamped to 64..2048
    QStringList midiPorts() const { return m_midiPorts; }
    bool hasMidiPorts() const { return !m_midiPorts.isEmpty(); }
    int midiPortIndex() const { return m_midiPortIndex; }
    void setMidiPortIndex(int index);  // -1 = MIDI out off
    bool midiClock() const { return m_midiClock; }
    void setMidiClock(bool on);
    // MIDI input ports to follow a clock from (tempo, start, stop); -1 = the internal clock.
    QStringList clockPorts() const { return m_clockPorts; }
    int clockPortIndex() const { return m_clockPortIndex; }
    void setClockPortIndex(int index);
    QString clockStatus() const;
    QString status() const { return m_status; }
    QString midiStatus() const { return m_midiStatus; }

    Q_INVOKABLE void refresh();
    // Saves and applies: returns at once (false: an apply is still running, nothing done); the device
    // listing runs on a worker, then the output reopens on this thread and applied(opened) follows
    // (opened false when the device could not open: status says why). GUI thread.
    Q_INVOKABLE bool apply();

Q_SIGNALS:
    void listingChanged();
    void devicesChanged();
    void deviceIndexChanged();
    void sampleRateChanged();
    void bufferFramesChanged();
    void midiPortsChanged();
    void midiPortIndexChanged();
    void midiClockChanged();
    void clockPortIndexChanged();
    void clockStatusChanged();
    void statusChanged();
    void applyingChanged();
    void applied(bool opened);

private:
    void setStatus(const QString& audio, const QString& midi);
    void reopen(int deviceId);  // the second half of apply(), on the GUI thread

    bool m_listing = false;
    bool m_applying = false;
    QStringList m_devices;
    QString m_deviceName;  // saved choice, matched by name after each listing
    int m_deviceIndex = -1;
    int m_sampleRate = 48000;
    int m_bufferFrames = 256;
    QStringList m_midiPorts;
    QString m_midiPortName;
    int m_midiPortIndex = -1;
    bool m_midiClock = false;
    QStringList m_clockPorts;
    QString m_clockPortName;
    int m_clockPortIndex = -1;
    QString m_status;
    QString m_midiStatus;
    QPointer<QThread> m_worker;
    QPointer<QThread> m_applyWorker;
    QPointer<AudioLink> m_link;
};

} // namespace gs
