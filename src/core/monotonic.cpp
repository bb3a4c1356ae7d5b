#include "monotonic.h"

namespace gs {

Groove monotonicGroove(const Groove& drums)
{
    Groove out(drums.grid(), 1);
    for (int s = 0; s < drums.steps(); ++s) {
        int loudest = -1;
        for (int v = 0; v < drums.voices(); ++v)
            if (drums.hit(s, v) && (loudest < 0 || drums.velocity(s, v) > drums.velocity(s, loudest)))
                loudest = v;
        if (loudest >= 0)
            out.setHit(s, 0, drums.velocity(s, loudest), drums.offset(s, loudest));
    }
    return out;
}

} // namespace gs
