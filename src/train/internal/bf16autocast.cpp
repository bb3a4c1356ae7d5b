#include "bf16autocast.h"

namespace gs {

Bf16Autocast::Bf16Autocast(bool enabled) : m_enabled(enabled)
{
    if (!m_enabled)
        return;
    m_wasEnabled = at::autocast::is_cpu_enabled();
    m_previousDtype = at::autocast::get_autocast_cpu_dtype();
    at::autocast::set_cpu_enabled(true);
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::increment_nesting();
}

Bf16Autocast::~Bf16Autocast()
{
    if (!m_enabled)
        return;
    if (at::autocast::decrement_nesting() == 0)
        at::autocast::clear_cache();
    at::autocast::set_cpu_enabled(m_wasEnabled);
    at::autocast::set_autocast_cpu_dtype(m_previousDtype);
}

} // namespace gs
