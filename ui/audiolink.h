#pragma once
// The composition root's bridge from the transport to the audio engine
// (gs_audio): owns the Engine, the sound card (AudioDevice) or, without one,
// a silent driver thread that runs Engine::process in real time so the
// sequencer and playhead keep working ("No audio device — playing silently").
// It loads kits on a worker thread, sends Session's groove to the engine as a
// pattern on every grooveChanged (PatternChange::Immediate: the playhead keeps
// its place), copies the transport's settings into EngineSettings, and drains
// the engine's position FIFO at 30 Hz into Transport::setPlayhead.
// One per process (instance()); tests create none, so they never open a device.
// Threads: GUI thread is the engine's control thread; process() runs on the
// RtAudio callback or the silent driver, never both.
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <memory>
#include <thread>

namespace gs {

class AudioDevice;
class Engine;
class Session;
class Transport;

class AudioLink : public QObject {
    Q_OBJECT

public:
    // Opens the default output; falls back to the silent driver. Loads the default kit.
    explicit AudioLink(Session* session, QObject* parent = nullptr);
    ~AudioLink() override;

    static AudioLink* instance();

    // Called by Transport's constructor: from then on this transport drives the engine.
    void attach(Transport* transport);

    QString status() const { return m_status; }
    bool deviceOpen() const { return m_deviceOpen; }

private:
    void loadKit(int index);
    void pushPattern();
    void pushSettings();
    void setPlaying(bool on);
    void drainPositions();
    void runSilentDriver();

    Session* m_session;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AudioDevice> m_device;
    QPointer<Transport> m_transport;
    QTimer m_positionTimer;
    QStringList m_kitDirs;
    int m_kitIndex = -1;
    int m_kitRequest = 0;  // latest request wins when kit loads overlap
    QString m_status;
    bool m_deviceOpen = false;
    std::thread m_silentDriver;
    std::atomic<bool> m_stopDriver{false};
};

} // namespace gs
