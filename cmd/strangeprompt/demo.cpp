#include "demo.hpp"

#include "demo_images.hpp"

#include <array>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/gallery/gallery_service.hpp"
#include "strangeprompt/http/json_body.hpp"
#include "strangeprompt/http/router.hpp"

namespace sp::cmd {
namespace {

struct Creator {
  const char* handle;
  const char* style;  // what this creator adds to every prompt
  const char* model;
  const char* hash;
  const char* tool;
};

constexpr std::array<Creator, 8> kCreators{{
    {"lumen_fox", "cinematic lighting, volumetric fog, 35mm film grain", "juggernautXL_v9",
     "c9e3e68f89", "Automatic1111"},
    {"inkwell", "ink wash painting, sumi-e, rice paper texture", "v1-5-pruned-emaonly",
     "6ce0161689", "Forge"},
    {"neon_monk", "cyberpunk, neon signs, rain-soaked streets, reflections", "sd_xl_base_1.0",
     "31e35c80fc", "ComfyUI"},
    {"petal_engine", "soft pastel palette, watercolor, whimsical", "ponyDiffusionV6XL",
     "67ab2fd8ec", "Automatic1111"},
    {"hollow_oak", "dark fantasy, dramatic rim light, highly detailed", "flux1-dev", "4610115bb0",
     "ComfyUI"},
    {"tidepool", "underwater photography, caustics, bioluminescence", "sd3_medium_incl_clips",
     "3bb7f21bc5", "ComfyUI"},
    {"brass_atlas", "steampunk, brass and copper, intricate gears, sepia", "dreamshaper_8",
     "879db523c3", "InvokeAI"},
    {"quiet_pixel", "isometric pixel art, 16-bit palette, clean outlines", "juggernautXL_v9",
     "c9e3e68f89", "Fooocus"},
}};

struct Subject {
  const char* title;
  const char* prompt;
  const char* tags;  // comma-separated
  const char* rating;
};

constexpr std::array<Subject, 16> kSubjects{{
    {"Lighthouse at the end of the world", "a lonely lighthouse on a basalt cliff at dusk",
     "landscape,lighthouse,sea", "none"},
    {"Tea house in the clouds", "a wooden tea house floating among clouds, paper lanterns",
     "architecture,fantasy,clouds", "none"},
    {"Fox spirit", "a nine-tailed fox spirit in a moonlit bamboo forest", "animals,fox,mythology",
     "none"},
    {"Night market", "a crowded night market with steaming food stalls and hanging lights",
     "street,city,food", "none"},
    {"Clockwork heart", "a mechanical heart made of tiny gears, on a velvet cushion",
     "still-life,mechanical,macro", "none"},
    {"Astronaut garden", "an astronaut tending a greenhouse garden on mars", "sci-fi,space,garden",
     "none"},
    {"The last library", "an endless library with spiral staircases and floating books",
     "interior,books,fantasy", "none"},
    {"Koi dreams", "koi fish swimming through the sky above a sleeping village",
     "animals,surreal,fish", "none"},
    {"Portrait of a cartographer", "portrait of an old cartographer with ink-stained hands",
     "portrait,character,maps", "soft"},
    {"Storm over the dunes", "a sandstorm rolling over giant desert dunes, tiny caravan",
     "landscape,desert,weather", "none"},
    {"Witch's kitchen", "a cozy witch's kitchen full of herbs, potions and a sleeping cat",
     "interior,cozy,cat", "none"},
    {"Sunken cathedral", "a gothic cathedral half sunk in a turquoise lagoon",
     "architecture,ruins,water", "none"},
    {"Dragon's rest", "an ancient dragon curled around a mountain peak at dawn",
     "dragon,fantasy,mountains", "soft"},
    {"Vampire ball", "masked guests at a candlelit vampire ball, crimson velvet",
     "gothic,character,party", "mature"},
    {"Robot florist", "a gentle robot arranging flowers in a tiny shop", "robot,cozy,flowers",
     "none"},
    {"Aurora fjord", "northern lights over a silent fjord, a single red cabin",
     "landscape,aurora,night", "none"},
}};

constexpr std::array<const char*, 5> kSamplers{"Euler a", "DPM++ 2M", "DPM++ SDE", "UniPC", "DDIM"};
constexpr std::array<const char*, 10> kComments{"The lighting here is unreal.",
                                                "Saving this prompt, thank you!",
                                                "What LoRA weight did you use?",
                                                "Love the composition.",
                                                "Tried it with a lower CFG and it got dreamier.",
                                                "This made my morning.",
                                                "How many steps before it converged?",
                                                "The colours are perfect.",
                                                "Remixed this, hope you don't mind!",
                                                "Wallpaper material."};

// Sign-up through auth's own route, in-process: the same flow a browser gets. Each demo creator
// comes from its own documentation-range address so sign-up throttling per address is not hit.
Result<int64_t> sign_up(const http::Router& router, const Creator& c, int index) {
  http::Request request;
  request.method = http::Method::kPost;
  request.target = request.path = "/v1/auth/signup";
  request.headers = {{"content-type", "application/json"}};
  request.remote_address = "192.0.2." + std::to_string(10 + index);
  request.body = JsonObject()
                     .string("email", std::string(c.handle) + "@demo.strangeprompt.dev")
                     .string("handle", c.handle)
                     .string("password", kDemoPassword)
                     .str();
  http::RouteMatch match = router.match(request.method, request.path);
  if (match.route == nullptr) return Error::unavailable("the auth service is not running");
  http::Response response = match.route->handler(request);
  if (response.status != 201) {
    return Error::conflict("demo sign-up of " + std::string(c.handle) + " answered " +
                           std::to_string(response.status) + ": " + response.body);
  }
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::from_text(response.body));
  return body.required_object("user").required_id("id");
}

// The generation parameters of one demo post, drawn from `rng`.
struct DemoParams {
  std::string prompt, sampler, raw;
  int steps = 0, width = 0, height = 0;
  double cfg = 0;
  int64_t seed = 0;
  bool detail_lora = false;
};

DemoParams draw_params(const Creator& c, const Subject& s, std::mt19937& rng,
                       std::string_view twist) {
  std::uniform_int_distribution<int> pick(0, 1'000'000);
  DemoParams p;
  p.steps = 20 + pick(rng) % 21;
  p.cfg = 4.5 + (pick(rng) % 9) * 0.5;
  p.seed = pick(rng) * 1000LL + pick(rng) % 1000;
  const bool portrait = pick(rng) % 3 == 0;
  p.width = portrait ? 832 : 1216;
  p.height = portrait ? 1216 : 832;
  p.prompt = std::string(s.prompt) + ", " + c.style;
  if (!twist.empty()) p.prompt += ", " + std::string(twist);
  p.sampler = kSamplers[static_cast<std::size_t>(pick(rng)) % kSamplers.size()];
  p.raw = p.prompt + "\nNegative prompt: lowres, blurry, watermark, extra fingers\n" +
          "Steps: " + std::to_string(p.steps) + ", Sampler: " + p.sampler +
          ", CFG scale: " + std::to_string(p.cfg).substr(0, 3) +
          ", Seed: " + std::to_string(p.seed) + ", Size: " + std::to_string(p.width) + "x" +
          std::to_string(p.height) + ", Model hash: " + c.hash + ", Model: " + c.model;
  p.detail_lora = pick(rng) % 2 == 0;
  return p;
}

std::string post_body(const Creator& c, const Subject& s, const DemoParams& p,
                      std::optional<int64_t> remix_of, std::string_view twist,
                      std::optional<int64_t> image) {
  JsonWriter w;
  w.begin_object();
  w.key("title").string(twist.empty() ? s.title : std::string(s.title) + " (remix)");
  w.key("prompt").string(p.prompt);
  w.key("negativePrompt").string("lowres, blurry, watermark, extra fingers");
  w.key("params").begin_object();
  w.key("tool").string(c.tool);
  w.key("model").begin_object().key("name").string(c.model).key("hash").string(c.hash).end_object();
  w.key("sampler").string(p.sampler).key("scheduler").string("karras");
  w.key("steps").integer(p.steps).key("cfg").number(p.cfg).key("seed").integer(p.seed);
  w.key("width").integer(p.width).key("height").integer(p.height).key("clipSkip").integer(2);
  w.key("resources").begin_array();
  if (p.detail_lora) {
    w.begin_object().key("name").string("add_detail").key("weight").number(0.6).end_object();
  }
  w.end_array();
  w.key("raw").string(p.raw).end_object();
  w.key("tags").begin_array();
  std::string tags = s.tags;
  for (std::size_t start = 0; start < tags.size();) {
    std::size_t end = tags.find(',', start);
    if (end == std::string::npos) end = tags.size();
    w.string(tags.substr(start, end - start));
    start = end + 1;
  }
  w.end_array();
  w.key("contentRating").string(s.rating);
  if (remix_of) w.key("remixOf").id(*remix_of);
  w.key("images").begin_array();
  if (image) w.id(*image);
  w.end_array();
  w.end_object();
  return std::move(w).take();
}

// Uploads `png` as `owner` through the media service's own upload route, in-process (the real
// pipeline: typing, metadata, the queue, libvips variants, blurhash, media.processed). nullopt
// when no media route is mounted (a process without the media target): the post stays
// prompt-only.
Result<std::optional<int64_t>> upload_image(const http::Router& router, int64_t owner,
                                            std::string png) {
  http::Request request;
  request.method = http::Method::kPost;
  request.target = request.path = "/v1/media/uploads";
  request.headers = {{"content-type", "image/png"}};
  request.remote_address = "192.0.2.1";
  request.body = std::move(png);
  http::RouteMatch match = router.match(request.method, request.path);
  if (match.route == nullptr) return std::optional<int64_t>();
  http::Principal principal;
  principal.user_id = owner;
  principal.scopes = {"media:write"};
  request.principal = std::move(principal);
  http::Response response = match.route->handler(request);
  if (response.status != 202) {
    return Error::conflict("demo upload answered " + std::to_string(response.status) + ": " +
                           response.body);
  }
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::from_text(response.body));
  const int64_t id = body.required_id("id");
  return std::optional<int64_t>(id);
}

// The scene of each subject (kSubjects order) and the hue of each creator (kCreators order).
constexpr std::array<DemoScene, 16> kScenes{
    DemoScene::kDusk,  DemoScene::kDusk,  DemoScene::kNight, DemoScene::kBokeh,
    DemoScene::kBokeh, DemoScene::kDunes, DemoScene::kNight, DemoScene::kDusk,
    DemoScene::kBokeh, DemoScene::kDunes, DemoScene::kBokeh, DemoScene::kDusk,
    DemoScene::kDusk,  DemoScene::kBokeh, DemoScene::kDunes, DemoScene::kNight};
constexpr std::array<double, 8> kHues{25, 200, 285, 330, 5, 175, 38, 120};

// The picture of a post (its subject's scene in its creator's colours, at the generation size,
// with the A1111 parameters in the file), uploaded through the media service.
Result<std::optional<int64_t>> post_image(const http::Router& router, int64_t owner,
                                          std::size_t creator, std::size_t subject,
                                          const DemoParams& p, std::size_t variation) {
  const double hue = kHues[creator] + static_cast<double>(variation % 5) * 9.0 - 18.0;
  return upload_image(router, owner,
                      demo_png(p.width / 2, p.height / 2, kScenes[subject],
                               static_cast<uint32_t>(p.seed), hue, p.raw));
}

// A follow published straight to the event log: only when the profile service is not running
// here (a gallery-only process), so the gallery's following feed still has something to show.
Status publish_follow(events::EventLog& log, const Clock& clock, IdGenerator& ids, int64_t follower,
                      int64_t followee) {
  events::Envelope e{.id = id_to_string(ids.next()),
                     .type = "profile.followed",
                     .version = 1,
                     .occurred_at_ms = clock.now_ms(),
                     .key = id_to_string(followee),
                     .data_json = JsonObject()
                                      .id("followerId", follower)
                                      .id("followeeId", followee)
                                      .boolean("following", true)
                                      .str()};
  SP_ASSIGN_OR_RETURN(std::string payload, e.to_json());
  SP_TRY(log.append(e.type, e.key, payload));
  return ok_status();
}

// A follow through the profile service's own route, so its counts and events are the real ones.
// The followee's profile appears once their user.signup reaches the profile service: a 404 is
// waited out for a bounded time. Returns false when no profile route is mounted.
Result<bool> follow_via_profile(const http::Router& router, int64_t follower,
                                std::string_view followee_handle) {
  http::Request request;
  request.method = http::Method::kPut;
  request.target = request.path = "/v1/profiles/" + std::string(followee_handle) + "/follow";
  http::RouteMatch match = router.match(request.method, request.path);
  if (match.route == nullptr) return false;
  request.params = match.params;
  http::Principal principal;
  principal.user_id = follower;
  principal.scopes = {"profile:write"};
  request.principal = std::move(principal);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  for (;;) {
    http::Response response = match.route->handler(request);
    if (response.status == 204) return true;
    if (response.status != 404 || std::chrono::steady_clock::now() > deadline) {
      return Error::conflict("demo follow of " + std::string(followee_handle) + " answered " +
                             std::to_string(response.status) + ": " + response.body);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

Status seed_demo(const http::Router& router, gallery::GalleryService& gallery,
                 events::EventLog& log, const Clock& clock) {
  std::mt19937 rng(20261202);  // the same demo on every fresh install
  const auto started = std::chrono::steady_clock::now();
  int images = 0;
  std::vector<int64_t> users;
  for (std::size_t i = 0; i < kCreators.size(); ++i) {
    SP_ASSIGN_OR_RETURN(int64_t id, sign_up(router, kCreators[i], static_cast<int>(i)));
    users.push_back(id);
  }
  // 64 originals: every creator takes 8 subjects, in their own style.
  std::vector<int64_t> posts;
  std::vector<std::size_t> subject_of;
  for (std::size_t i = 0; i < kCreators.size(); ++i) {
    for (std::size_t k = 0; k < 8; ++k) {
      subject_of.push_back((i * 3 + k) % kSubjects.size());
      const Subject& s = kSubjects[subject_of.back()];
      const DemoParams p = draw_params(kCreators[i], s, rng, "");
      // Every creator keeps one prompt-only post (a text card); the rest carry a picture.
      std::optional<int64_t> image;
      if (k != 7) {
        SP_ASSIGN_OR_RETURN(image, post_image(router, users[i], i, subject_of.back(), p, k));
        images += image ? 1 : 0;
      }
      SP_ASSIGN_OR_RETURN(
          int64_t id, gallery.create_post(users[i], post_body(kCreators[i], s, p, {}, "", image)));
      posts.push_back(id);
    }
  }
  // Remix chains: a post remixed by the next creator, whose remix is remixed again.
  constexpr std::array<const char*, 3> kTwists{"golden hour", "in winter, heavy snow",
                                               "as a vintage travel poster"};
  for (std::size_t chain = 0; chain < 4; ++chain) {
    int64_t parent = posts[chain * 9];
    for (std::size_t step = 0; step < kTwists.size(); ++step) {
      const std::size_t who = (chain + step + 1) % kCreators.size();
      const Subject& s = kSubjects[subject_of[chain * 9]];
      const DemoParams p = draw_params(kCreators[who], s, rng, kTwists[step]);
      SP_ASSIGN_OR_RETURN(std::optional<int64_t> image,
                          post_image(router, users[who], who, subject_of[chain * 9], p, step + 1));
      images += image ? 1 : 0;
      SP_ASSIGN_OR_RETURN(
          parent, gallery.create_post(
                      users[who], post_body(kCreators[who], s, p, parent, kTwists[step], image)));
      posts.push_back(parent);
    }
  }
  // Likes (popular posts get more) and comments, within each user's comment allowance.
  std::uniform_int_distribution<std::size_t> any_post(0, posts.size() - 1);
  for (std::size_t u = 0; u < users.size(); ++u) {
    for (int n = 0; n < 20; ++n) {
      SP_TRY(gallery.like(users[u], posts[any_post(rng) % (posts.size() / (1 + n % 3))]));
    }
    for (int n = 0; n < 5; ++n) {
      SP_TRY(gallery.comment(users[u], posts[any_post(rng)],
                             kComments[(u * 5 + static_cast<std::size_t>(n)) % kComments.size()]));
    }
  }
  IdGenerator ids(clock, 1023);
  for (std::size_t u = 0; u < users.size(); ++u) {
    for (std::size_t k = 1; k <= 3; ++k) {
      const std::size_t v = (u + k * 2) % users.size();
      SP_ASSIGN_OR_RETURN(bool routed, follow_via_profile(router, users[u], kCreators[v].handle));
      if (!routed) SP_TRY(publish_follow(log, clock, ids, users[u], users[v]));
    }
  }
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  log_info("strangeprompt", "demo content created",
           {{"creators", std::to_string(users.size())},
            {"posts", std::to_string(posts.size())},
            {"images", std::to_string(images)},
            {"ms", std::to_string(took.count())}});
  return ok_status();
}

}  // namespace sp::cmd
