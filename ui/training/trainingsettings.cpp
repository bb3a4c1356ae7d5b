#include "training/trainingsettings.h"

#include <algorithm>
#include <climits>

namespace gs {

QString TrainingSettings::problem() const
{
    return QString::fromStdString(m_value.problem());
}

QString TrainingSettings::toJson() const
{
    return QString::fromStdString(m_value.toJson());
}

int TrainingSettings::seed() const
{
    return int(std::min<std::uint64_t>(m_value.seed, INT_MAX));
}

void TrainingSettings::setSeed(int seed)
{
    m_value.seed = std::uint64_t(std::max(0, seed));
}

} // namespace gs
