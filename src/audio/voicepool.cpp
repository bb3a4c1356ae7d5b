#include "voicepool.h"

#include <algorithm>
#include <cmath>

namespace gs {

void VoicePool::reset()
{
    m_voices.fill(Voice{});
    m_serial = 0;
}

void VoicePool::fadeOut(Voice& voice)
{
    if (voice.fadeStep <= 0.0f)
        voice.fadeStep = 1.0f / float(m_fadeFrames);
}

int VoicePool::stealVictim() const
{
    // Oldest quietest first: the voice with the least sound left, judged by
    // its gain times the part of its sample still to play.
    int victim = -1;
    float best = 0.0f;
    for (int i = 0; i < kSlots; ++i) {
        const Voice& v = m_voices[std::size_t(i)];
        if (!v.active || v.fadeStep > 0.0f)
            continue;
        const float left = v.length > 0 ? 1.0f - float(v.position / double(v.length)) : 0.0f;
        const float score = (v.gainLeft + v.gainRight) * v.fade * left;
        if (victim < 0 || score < best || (score == best && v.serial < m_voices[std::size_t(victim)].serial)) {
            victim = i;
            best = score;
        }
    }
    return victim;
}

int VoicePool::freeSlot()
{
    int quietestFading = -1;
    for (int i = 0; i < kSlots; ++i) {
        const Voice& v = m_voices[std::size_t(i)];
        if (!v.active)
            return i;
        if (v.fadeStep > 0.0f && (quietestFading < 0 || v.fade < m_voices[std::size_t(quietestFading)].fade))
            quietestFading = i;
    }
    // Every slot is busy: reuse the fading voice closest to silence.
    return quietestFading >= 0 ? quietestFading : 0;
}

void VoicePool::start(const VoiceStart& s)
{
    if (!s.sample || s.sample->length <= 0)
        return;
    if (!std::isfinite(s.rate) || !std::isfinite(s.gainLeft) || !std::isfinite(s.gainRight))
        return;  // a broken kit or setting: silence, never noise
    int sounding = 0;
    for (Voice& v : m_voices) {
        if (!v.active)
            continue;
        if (s.chokeGroup > 0 && v.chokeGroup == s.chokeGroup && v.instrument != s.instrument && v.kitSerial == s.kitSerial)
            fadeOut(v);
        if (v.fadeStep <= 0.0f)
            ++sounding;
    }
    if (sounding >= m_polyphony) {
        const int victim = stealVictim();
        if (victim >= 0)
            fadeOut(m_voices[std::size_t(victim)]);
    }
    Voice& v = m_voices[std::size_t(freeSlot())];
    v.data = s.sample->frames.data();
    v.length = s.sample->length;
    v.position = 0.0;
    v.rate = std::clamp(s.rate, kMinRate, kMaxRate);
    v.gainLeft = std::clamp(s.gainLeft, 0.0f, kMaxGain);
    v.gainRight = std::clamp(s.gainRight, 0.0f, kMaxGain);
    v.fade = 1.0f;
    v.fadeStep = 0.0f;
    v.instrument = s.instrument;
    v.chokeGroup = s.chokeGroup;
    v.kitSerial = s.kitSerial;
    v.serial = ++m_serial;
    v.active = true;
}

namespace {

constexpr float kSilentFrame[2] = {0.0f, 0.0f};

// Catmull-Rom weights of the frames before, at, after and two after the position (fraction f),
// computed once per output frame for both channels.
struct CubicWeights {
    float wm1, w0, w1, w2;
    explicit CubicWeights(float f)
        : wm1(f * (-0.5f + f * (1.0f - 0.5f * f)))
        , w0(1.0f + f * f * (-2.5f + 1.5f * f))
        , w1(f * (0.5f + f * (2.0f - 1.5f * f)))
        , w2(f * f * (-0.5f + 0.5f * f))
    {
    }
    float operator()(float xm1, float x0, float x1, float x2) const { return wm1 * xm1 + w0 * x0 + w1 * x1 + w2 * x2; }
};

} // namespace

void VoicePool::renderVoice(Voice& v, float* out, int frames)
{
    const float* d = v.data;
    if (v.rate == 1.0 && v.fadeStep <= 0.0f) {
        // The common case: no resampling, no fade.
        int pos = int(v.position);
        const int n = frames < v.length - pos ? frames : v.length - pos;
        const float gl = v.gainLeft * v.fade;
        const float gr = v.gainRight * v.fade;
        const float* src = d + 2 * pos;
        for (int i = 0; i < n; ++i) {
            out[2 * i] += src[2 * i] * gl;
            out[2 * i + 1] += src[2 * i + 1] * gr;
        }
        v.position += double(n);
        if (pos + n >= v.length)
            v.active = false;
        return;
    }
    for (int i = 0; i < frames; ++i) {
        // Compared as a double first: a position past int's range (or NaN) ends the voice
        // instead of becoming a wild index.
        if (!(v.position >= 0.0 && v.position < double(v.length))) {
            v.active = false;
            return;
        }
        const int idx = int(v.position);
        const float f = float(v.position - double(idx));
        const float* a = d + 2 * idx;
        // 4-point Catmull-Rom: far less dulling and aliasing than a straight line when tuned.
        // The frame before the first is silence; two silent frames follow the last (SampleData).
        const float* before = idx > 0 ? a - 2 : kSilentFrame;
        const CubicWeights w(f);
        const float l = w(before[0], a[0], a[2], a[4]);
        const float r = w(before[1], a[1], a[3], a[5]);
        out[2 * i] += l * v.gainLeft * v.fade;
        out[2 * i + 1] += r * v.gainRight * v.fade;
        v.position += v.rate;
        if (v.fadeStep > 0.0f) {
            v.fade -= v.fadeStep;
            if (v.fade <= 0.0f) {
                v.active = false;
                return;
            }
        }
    }
}

void VoicePool::render(float* out, int frames)
{
    if (frames <= 0)
        return;
    for (Voice& v : m_voices)
        if (v.active)
            renderVoice(v, out, frames);
}

void VoicePool::fadeKit(int kitSerial)
{
    for (Voice& v : m_voices)
        if (v.active && v.kitSerial == kitSerial)
            fadeOut(v);
}

void VoicePool::killKit(int kitSerial)
{
    for (Voice& v : m_voices)
        if (v.active && v.kitSerial == kitSerial)
            v.active = false;
}

bool VoicePool::usesKit(int kitSerial) const
{
    for (const Voice& v : m_voices)
        if (v.active && v.kitSerial == kitSerial)
            return true;
    return false;
}

int VoicePool::sounding() const
{
    int n = 0;
    for (const Voice& v : m_voices)
        n += v.active ? 1 : 0;
    return n;
}

} // namespace gs
