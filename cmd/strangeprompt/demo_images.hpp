#pragma once
// Procedural demo pictures for `serve --demo`: pleasant, varied scenes (sky gradients, a sun or
// moon with its glow, layered ridges in aerial perspective, water reflections, stars and aurora,
// bokeh) drawn by the program from a seed, never downloaded art; encoded as PNG with the
// Automatic1111 `parameters` text chunk, so the media pipeline reads real generation metadata.
#include <cstdint>
#include <string>
#include <string_view>

namespace sp::cmd {

enum class DemoScene { kDusk, kNight, kBokeh, kDunes };

// An RGB PNG of `width` x `height` (each 16..4096) for `scene`, varied by `seed` and tinted
// around `hue` (0..360), with a tEXt chunk `parameters` = `parameters`.
std::string demo_png(int width, int height, DemoScene scene, uint32_t seed, double hue,
                     std::string_view parameters);

}  // namespace sp::cmd
