// The system's libyaml, found through pkg-config as `yaml-0.1`.
#include <yaml.h>
