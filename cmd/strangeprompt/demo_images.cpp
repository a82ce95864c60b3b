#include "demo_images.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <vector>

namespace sp::cmd {
namespace {

struct Rgb {
  float r = 0, g = 0, b = 0;
};

Rgb mix(Rgb a, Rgb b, float t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

// h in degrees, s and v in 0..1; components in 0..1.
Rgb hsv(double h, double s, double v) {
  h = std::fmod(std::fmod(h, 360.0) + 360.0, 360.0) / 60.0;
  const double c = v * s, x = c * (1 - std::fabs(std::fmod(h, 2.0) - 1)), m = v - c;
  double r = 0, g = 0, b = 0;
  switch (static_cast<int>(h)) {
    case 0:
      r = c, g = x;
      break;
    case 1:
      r = x, g = c;
      break;
    case 2:
      g = c, b = x;
      break;
    case 3:
      g = x, b = c;
      break;
    case 4:
      r = x, b = c;
      break;
    default:
      r = c, b = x;
      break;
  }
  return {static_cast<float>(r + m), static_cast<float>(g + m), static_cast<float>(b + m)};
}

float smoothstep(float e0, float e1, float x) {
  const float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
  return t * t * (3 - 2 * t);
}

// A ridge line: heights (fraction of the image from the top) per column, from a few sines.
std::vector<float> ridge(int width, float base, float amplitude, std::mt19937& rng) {
  std::uniform_real_distribution<float> u(0, 1);
  std::array<float, 5> freq{}, phase{}, amp{};
  for (std::size_t k = 0; k < freq.size(); ++k) {
    freq[k] = (1.5f + u(rng) * 2.5f) * static_cast<float>(1 << k);
    phase[k] = u(rng) * 6.2832f;
    amp[k] = amplitude / static_cast<float>(1 << k) * (0.6f + 0.8f * u(rng));
  }
  std::vector<float> h(static_cast<std::size_t>(width));
  for (int x = 0; x < width; ++x) {
    const float t = static_cast<float>(x) / static_cast<float>(width);
    float y = base;
    for (std::size_t k = 0; k < freq.size(); ++k) {
      y -= amp[k] * std::sin(t * freq[k] * 3.1416f + phase[k]);
    }
    h[static_cast<std::size_t>(x)] = y;
  }
  return h;
}

class Canvas {
 public:
  Canvas(int w, int h) : w_(w), h_(h), px_(static_cast<std::size_t>(w) * h) {}
  int width() const { return w_; }
  int height() const { return h_; }
  Rgb& at(int x, int y) { return px_[static_cast<std::size_t>(y) * w_ + x]; }

  // A soft disc (alpha falls off over `soft` pixels at the rim) blended over the picture.
  void disc(float cx, float cy, float radius, float soft, Rgb colour, float alpha) {
    const int x0 = std::max(0, static_cast<int>(cx - radius - soft));
    const int x1 = std::min(w_ - 1, static_cast<int>(cx + radius + soft));
    const int y0 = std::max(0, static_cast<int>(cy - radius - soft));
    const int y1 = std::min(h_ - 1, static_cast<int>(cy + radius + soft));
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x) {
        const float d = std::hypot(static_cast<float>(x) - cx, static_cast<float>(y) - cy);
        const float a = alpha * (1 - smoothstep(radius - soft, radius + soft, d));
        if (a > 0) at(x, y) = mix(at(x, y), colour, a);
      }
    }
  }

  // 8-bit RGB rows, each with filter byte 0 (none).
  std::string rows() const {
    std::string out;
    out.reserve(static_cast<std::size_t>(h_) * (3 * w_ + 1));
    for (int y = 0; y < h_; ++y) {
      out.push_back('\0');
      for (int x = 0; x < w_; ++x) {
        const Rgb& p = px_[static_cast<std::size_t>(y) * w_ + x];
        for (float c : {p.r, p.g, p.b}) {
          out.push_back(static_cast<char>(
              static_cast<unsigned char>(std::clamp(c, 0.0f, 1.0f) * 255.0f + 0.5f)));
        }
      }
    }
    return out;
  }

 private:
  int w_, h_;
  std::vector<Rgb> px_;
};

// Sky from `top` to `horizon` colour, a glowing sun or moon, ridges fading into the haze, and
// (when `water`) their reflection below `horizon_y`.
void landscape(Canvas& c, std::mt19937& rng, Rgb top, Rgb horizon, Rgb sun, Rgb land, bool water,
               bool stars) {
  std::uniform_real_distribution<float> u(0, 1);
  const int w = c.width(), h = c.height();
  const float horizon_y = water ? 0.62f + 0.08f * u(rng) : 1.0f;
  const float sx = (0.2f + 0.6f * u(rng)) * static_cast<float>(w);
  const float sy = (0.25f + 0.2f * u(rng)) * static_cast<float>(h);
  const float sr = (0.05f + 0.04f * u(rng)) * static_cast<float>(std::min(w, h));
  const int layers = 3 + static_cast<int>(u(rng) * 2);
  std::vector<std::vector<float>> ridges;
  std::vector<Rgb> ridge_colour;
  for (int k = 0; k < layers; ++k) {
    const float depth = static_cast<float>(k) / static_cast<float>(layers - 1);  // 0 far, 1 near
    const float base = (water ? horizon_y - 0.02f : 0.55f + 0.3f * depth) - 0.14f * (1 - depth);
    ridges.push_back(ridge(w, water ? std::min(base + 0.1f * depth, horizon_y) : base,
                           0.05f + 0.06f * u(rng), rng));
    ridge_colour.push_back(mix(mix(horizon, land, 0.35f), land, depth * 0.9f));
  }
  for (int y = 0; y < h; ++y) {
    const float fy = static_cast<float>(y) / static_cast<float>(h);
    for (int x = 0; x < w; ++x) {
      // Above the water line, or its mirror image below it (with a small ripple).
      float my = fy;
      bool reflected = false;
      if (fy > horizon_y) {
        const float ripple = 0.004f * std::sin(static_cast<float>(y) * 0.9f + std::sin(x * 0.05f));
        my = 2 * horizon_y - fy + ripple;
        reflected = true;
      }
      const float t = std::clamp(my / horizon_y, 0.0f, 1.0f);
      Rgb p = mix(top, horizon, t * std::sqrt(t));
      const float d = std::hypot(static_cast<float>(x) - sx, my * static_cast<float>(h) - sy);
      p = mix(p, sun, 0.55f * std::exp(-d / (sr * 2.5f)));
      for (int k = 0; k < layers; ++k) {
        if (my >= ridges[static_cast<std::size_t>(k)][static_cast<std::size_t>(x)]) {
          p = ridge_colour[static_cast<std::size_t>(k)];
        }
      }
      if (reflected) p = mix(p, top, 0.25f + 0.3f * (fy - horizon_y));
      c.at(x, y) = p;
    }
  }
  if (stars) {
    std::uniform_real_distribution<float> sxd(0, static_cast<float>(w));
    std::uniform_real_distribution<float> syd(0, static_cast<float>(h) * horizon_y * 0.55f);
    for (int i = 0; i < w * h / 3000; ++i) {
      c.disc(sxd(rng), syd(rng), 0.6f + u(rng), 0.6f, Rgb{1, 1, 0.95f}, 0.4f + 0.5f * u(rng));
    }
  }
  c.disc(sx, sy, sr, 1.5f, mix(sun, Rgb{1, 1, 1}, 0.5f), 0.95f);
}

void aurora(Canvas& c, std::mt19937& rng, Rgb colour) {
  std::uniform_real_distribution<float> u(0, 1);
  const int w = c.width(), h = c.height();
  const float phase = u(rng) * 6.28f, freq = 2 + 3 * u(rng);
  for (int x = 0; x < w; ++x) {
    const float fx = static_cast<float>(x) / static_cast<float>(w);
    const float centre =
        (0.22f + 0.08f * std::sin(fx * freq * 3.14f + phase)) * static_cast<float>(h);
    const float thickness =
        0.09f * static_cast<float>(h) * (0.7f + 0.3f * std::sin(fx * 13 + phase));
    for (int y = 0; y < h / 2; ++y) {
      const float d = (static_cast<float>(y) - centre) / thickness;
      const float a = 0.45f * std::exp(-d * d) * (0.6f + 0.4f * std::sin(fx * 60 + phase));
      if (a > 0.003f) c.at(x, y) = mix(c.at(x, y), colour, a);
    }
  }
}

void bokeh(Canvas& c, std::mt19937& rng, double hue) {
  std::uniform_real_distribution<float> u(0, 1);
  const int w = c.width(), h = c.height();
  const Rgb a = hsv(hue, 0.55, 0.25), b = hsv(hue + 40, 0.6, 0.12);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      c.at(x, y) = mix(a, b, static_cast<float>(x + y) / static_cast<float>(w + h));
    }
  }
  const float scale = static_cast<float>(std::min(w, h));
  for (int i = 0; i < 70; ++i) {
    const Rgb colour = hsv(hue + (u(rng) - 0.5) * 90, 0.45 + 0.3 * u(rng), 0.75 + 0.25 * u(rng));
    c.disc(u(rng) * static_cast<float>(w), u(rng) * static_cast<float>(h),
           scale * (0.02f + 0.09f * u(rng)), scale * 0.012f, colour, 0.12f + 0.3f * u(rng));
  }
}

void dunes(Canvas& c, std::mt19937& rng, double hue) {
  std::uniform_real_distribution<float> u(0, 1);
  const int w = c.width(), h = c.height();
  const Rgb sky_top = hsv(hue + 200, 0.45, 0.85), sky_low = hsv(hue + 20, 0.25, 0.98);
  const int bands = 6;
  std::vector<std::vector<float>> lines;
  std::vector<Rgb> lit, shaded;
  for (int k = 0; k < bands; ++k) {
    lines.push_back(ridge(w, 0.42f + 0.1f * static_cast<float>(k), 0.04f + 0.03f * u(rng), rng));
    const double v = 0.95 - 0.08 * k;
    lit.push_back(hsv(hue + 3 * k, 0.55, v));
    shaded.push_back(hsv(hue - 15 + 3 * k, 0.7, v * 0.62));
  }
  for (int y = 0; y < h; ++y) {
    const float fy = static_cast<float>(y) / static_cast<float>(h);
    for (int x = 0; x < w; ++x) {
      Rgb p = mix(sky_top, sky_low, std::min(1.0f, fy / 0.5f));
      for (int k = 0; k < bands; ++k) {
        const float top = lines[static_cast<std::size_t>(k)][static_cast<std::size_t>(x)];
        if (fy >= top) {
          // Lit crest fading into the shaded side of each band.
          const auto band = static_cast<std::size_t>(k);
          p = mix(lit[band], shaded[band], smoothstep(top, top + 0.12f, fy));
        }
      }
      c.at(x, y) = p;
    }
  }
}

void append_u32(std::string& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<char>((v >> s) & 0xff));
}

void chunk(std::string& png, const char* type, std::string_view data) {
  append_u32(png, static_cast<uint32_t>(data.size()));
  std::string body(type, 4);
  body.append(data);
  png.append(body);
  append_u32(png, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()),
                                              static_cast<uInt>(body.size()))));
}

std::string encode_png(int w, int h, const std::string& rows, std::string_view parameters) {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  append_u32(ihdr, static_cast<uint32_t>(w));
  append_u32(ihdr, static_cast<uint32_t>(h));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter, no interlace
  chunk(png, "IHDR", ihdr);
  std::string text = "parameters";
  text.push_back('\0');
  text.append(parameters);
  chunk(png, "tEXt", text);
  uLongf size = compressBound(static_cast<uLong>(rows.size()));
  std::string packed(size, '\0');
  compress2(reinterpret_cast<Bytef*>(packed.data()), &size,
            reinterpret_cast<const Bytef*>(rows.data()), static_cast<uLong>(rows.size()),
            Z_BEST_SPEED);
  packed.resize(size);
  chunk(png, "IDAT", packed);
  chunk(png, "IEND", {});
  return png;
}

}  // namespace

std::string demo_png(int width, int height, DemoScene scene, uint32_t seed, double hue,
                     std::string_view parameters) {
  width = std::clamp(width, 16, 4096);
  height = std::clamp(height, 16, 4096);
  std::mt19937 rng(seed);
  Canvas c(width, height);
  switch (scene) {
    case DemoScene::kDusk:
      landscape(c, rng, hsv(hue + 220, 0.55, 0.55), hsv(hue + 15, 0.55, 1.0),
                hsv(hue + 35, 0.35, 1.0), hsv(hue + 250, 0.45, 0.22), seed % 2 == 0, false);
      break;
    case DemoScene::kNight:
      landscape(c, rng, hsv(hue + 230, 0.8, 0.12), hsv(hue + 200, 0.6, 0.38),
                hsv(hue + 50, 0.1, 0.95), hsv(hue + 230, 0.5, 0.08), seed % 3 != 0, true);
      aurora(c, rng, hsv(hue + 140, 0.7, 0.9));
      break;
    case DemoScene::kBokeh:
      bokeh(c, rng, hue);
      break;
    case DemoScene::kDunes:
      dunes(c, rng, hue);
      break;
  }
  return encode_png(width, height, c.rows(), parameters);
}

}  // namespace sp::cmd
