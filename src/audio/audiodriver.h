#pragma once
// An audio output: something that calls a process callback period by period
// with a stereo interleaved float buffer to fill. The engine knows no driver;
// its owner connects the callback to Engine::process(). Three kinds:
//  - RtAudioDriver: a sound card or sound server (JACK, PulseAudio, ALSA);
//  - NullDriver: no sound, but a real-time-paced thread, so the sequencer and
//    the playhead keep moving on a machine without a device;
//  - ManualDriver: no thread; the owner calls run(frames) (tests, offline drive).
// openOutput() (outputchooser.h) picks one in the fallback order.
//
// Threads:
//  - the control thread (one thread: the owner, e.g. AudioLink on the GUI
//    thread, or a test) calls open(), setCallback(), start(), stop(), close()
//    and reads the status;
//  - the audio thread (the driver's own, RtAudio's, or the caller of
//    ManualDriver::run()) runs the callback only, between start() and stop().
#include "core/error.h"

#include <functional>
#include <string>

namespace gs {

struct AudioStreamOptions {
    std::string api;  // RtAudio API name ("alsa", "pulse", "jack"); empty = the default one (see openOutput())
    int deviceId = -1;  // -1 = the API's default output
    unsigned sampleRate = 48000;
    unsigned bufferFrames = 256;  // the period: frames per callback
};

class AudioDriver {
public:
    // Audio thread: fills `frames` stereo interleaved frames (2 * frames floats) of `interleavedOut`.
    // It must not allocate, lock, log, throw or touch files; the driver's loop does none of these either.
    using Callback = std::function<void(float* interleavedOut, int frames)>;

    virtual ~AudioDriver() = default;
    AudioDriver(const AudioDriver&) = delete;
    AudioDriver& operator=(const AudioDriver&) = delete;

    // Control thread, while closed: opens the output as close to `options` as it can (a device may run at
    // another rate or period); afterwards sampleRate() and periodFrames() say what it runs at. Nothing is
    // called back yet, so the owner can prepare its engine at that rate first. A failure says why.
    virtual Status open(const AudioStreamOptions& options) = 0;
    // Control thread, after open() and setCallback(): from now on the callback runs on the audio thread.
    virtual Status start() = 0;
    // Control thread: returns once the callback has returned for the last time. Harmless when stopped.
    virtual void stop() = 0;
    // Control thread: stops and releases the output. Harmless when closed.
    virtual void close() = 0;

    // Control thread, while stopped (a running audio thread reads it unlocked).
    void setCallback(Callback callback) { m_callback = std::move(callback); }

    // Control thread.
    virtual bool isOpen() const = 0;
    virtual bool isRunning() const = 0;
    unsigned sampleRate() const { return m_sampleRate; }  // after open()
    unsigned periodFrames() const { return m_periodFrames; }  // after open()
    // Control thread: a short machine name: "jack", "pulse", "alsa", "null", "manual".
    virtual std::string name() const = 0;
    // Control thread: the name a musician reads ("PulseAudio", "JACK", "no audio device").
    virtual std::string displayName() const = 0;
    // Control thread: one line, e.g. "PulseAudio · 48000 Hz · 256 frames", or "... (not open)".
    std::string status() const;
    // Control thread: true if the output is heard (a device or server), false for the null and manual drivers.
    virtual bool audible() const { return false; }
    // Control thread: why the last open() or start() failed (or the audio thread gave up); empty if nothing failed.
    virtual std::string errorDescription() const { return m_error; }

protected:
    AudioDriver() = default;
    // Control thread: notes `message` as the error and returns it.
    Error fail(std::string message);

    Callback m_callback;
    unsigned m_sampleRate = 0;
    unsigned m_periodFrames = 0;
    std::string m_error;
};

} // namespace gs
