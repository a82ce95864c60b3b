#pragma once
// Generation-parameter texts as the tools write them, shared by the suites and the mutation test.
#include <string_view>

namespace sp::genmeta::testing {

inline constexpr std::string_view kA1111Hires =
    "masterpiece, <lora:detail_tweaker:0.8> a cat, <lora:styleA>\n"
    "in a garden\n"
    "Negative prompt: lowres, bad hands\n"
    "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234567890123, "
    "Size: 832x1216, Model hash: abc123def4, Model: sdxl_base, Denoising strength: 0.45, "
    "Clip skip: 2, Hires upscale: 1.5, Hires steps: 12, Hires upscaler: 4x-UltraSharp, "
    "ADetailer model: face_yolov8n.pt, ADetailer prompt: \"smiling face, blue eyes\", "
    "ADetailer confidence: 0.3, Lora hashes: \"detail_tweaker: e1b2c3, styleA: 99aa00\", "
    "Postprocess upscale by: 2, Version: v1.10.1";

inline constexpr std::string_view kA1111Simple =
    "photo of a duck\nNegative prompt: monochrome\nSteps: 15, Sampler: UniPC, CFG scale: 5, "
    "Seed: 235284042, Size: 512x400, Model hash: c0d1994c73, Model: realistic_v20";

inline constexpr std::string_view kComfyApi = R"J({
 "3": {"class_type": "KSampler", "inputs": {"seed": ["20", 0], "steps": 30, "cfg": 6.0,
   "sampler_name": "dpmpp_2m", "scheduler": "karras", "denoise": 1.0, "model": ["10", 0],
   "positive": ["9", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
 "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "juggernaut.safetensors"}},
 "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 1024, "height": 768, "batch_size": 1}},
 "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry", "clip": ["11", 0]}},
 "8": {"class_type": "CLIPTextEncode", "inputs": {"text": "golden hour", "clip": ["11", 0]}},
 "9": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["12:1", 0],
   "conditioning_2": ["8", 0]}},
 "10": {"class_type": "LoraLoader", "inputs": {"lora_name": "fox.safetensors",
   "strength_model": 0.7, "strength_clip": 1.0, "model": ["4", 0], "clip": ["4", 1]}},
 "11": {"class_type": "CLIPSetLastLayer", "inputs": {"stop_at_clip_layer": -2, "clip": ["10", 1]}},
 "12:0": {"class_type": "StringConcatenate", "inputs": {"string_a": "a red fox",
   "string_b": ["13", 0], "delimiter": ", "}},
 "12:1": {"class_type": "CLIPTextEncode", "inputs": {"text": ["12:0", 0], "clip": ["11", 0]}},
 "13": {"class_type": "PrimitiveString", "inputs": {"value": "in snow"}},
 "20": {"class_type": "Seed (rgthree)", "inputs": {"seed": 4242}},
 "30": {"class_type": "SaveImage", "inputs": {"images": ["3", 0]}}})J";

inline constexpr std::string_view kComfyWorkflow = R"J({"last_node_id": 7, "nodes": [
 {"id": 1, "type": "CheckpointLoaderSimple", "inputs": [], "widgets_values": ["wf_model.safetensors"]},
 {"id": 2, "type": "CLIPTextEncode", "inputs": [{"name": "clip", "link": 1}], "widgets_values": ["a lighthouse"]},
 {"id": 3, "type": "CLIPTextEncode", "inputs": [{"name": "clip", "link": 2}], "widgets_values": ["fog"]},
 {"id": 4, "type": "Reroute", "inputs": [{"name": "", "link": 3}], "widgets_values": []},
 {"id": 5, "type": "EmptyLatentImage", "inputs": [], "widgets_values": [640, 960, 1]},
 {"id": 6, "type": "KSampler", "inputs": [{"name": "model", "link": 4}, {"name": "positive", "link": 5},
   {"name": "negative", "link": 6}, {"name": "latent_image", "link": 7},
   {"name": "seed", "link": 8, "widget": {"name": "seed"}}],
  "widgets_values": [1, "fixed", 25, 7.5, "euler", "normal", 1.0]},
 {"id": 7, "type": "PrimitiveNode", "inputs": [], "widgets_values": [99999, "fixed"]}],
 "links": [[1, 1, 1, 2, 0, "CLIP"], [2, 1, 1, 3, 0, "CLIP"], [3, 2, 0, 4, 0, "*"],
  [4, 1, 0, 6, 0, "MODEL"], [5, 4, 0, 6, 1, "CONDITIONING"], [6, 3, 0, 6, 2, "CONDITIONING"],
  [7, 5, 0, 6, 3, "LATENT"], [8, 7, 0, 6, 4, "INT"]]})J";

inline constexpr std::string_view kComfyCustomSampler = R"J({
 "1": {"class_type": "UNETLoader", "inputs": {"unet_name": "flux1-dev.safetensors", "weight_dtype": "default"}},
 "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "a neon city", "clip": ["9", 0]}},
 "3": {"class_type": "RandomNoise", "inputs": {"noise_seed": 31337}},
 "4": {"class_type": "BasicGuider", "inputs": {"model": ["1", 0], "conditioning": ["2", 0]}},
 "5": {"class_type": "KSamplerSelect", "inputs": {"sampler_name": "euler"}},
 "6": {"class_type": "BasicScheduler", "inputs": {"scheduler": "simple", "steps": 20, "denoise": 1.0, "model": ["1", 0]}},
 "7": {"class_type": "EmptySD3LatentImage", "inputs": {"width": 896, "height": 1152, "batch_size": 1}},
 "8": {"class_type": "SamplerCustomAdvanced", "inputs": {"noise": ["3", 0], "guider": ["4", 0],
   "sampler": ["5", 0], "sigmas": ["6", 0], "latent_image": ["7", 0]}}})J";

inline constexpr std::string_view kInvokeMetadata = R"J({"positive_prompt": "a castle",
 "negative_prompt": "ugly", "width": 768, "height": 512, "seed": 5, "cfg_scale": 7,
 "steps": 30, "scheduler": "dpmpp_2m", "model": {"name": "Juggernaut", "hash": "blake3:abc"},
 "loras": [{"model": {"name": "detail"}, "weight": 0.5}]})J";

inline constexpr std::string_view kInvokeGraph = R"J({"nodes": {
 "a": {"type": "compel", "prompt": "a castle"}, "b": {"type": "compel", "prompt": "ugly"},
 "d": {"type": "denoise_latents", "steps": 20, "cfg_scale": 6, "scheduler": "euler"},
 "n": {"type": "noise", "seed": 3, "width": 512, "height": 640}},
 "edges": [{"source": {"node_id": "b", "field": "conditioning"},
            "destination": {"node_id": "d", "field": "negative_conditioning"}},
           {"source": {"node_id": "a", "field": "conditioning"},
            "destination": {"node_id": "d", "field": "positive_conditioning"}}]})J";

inline constexpr std::string_view kDream =
    "\"a fox [blurry, dark] in the woods\" -s 40 -S 77 -W 512 -H 640 -C 7.5 -A k_euler";

inline constexpr std::string_view kFooocus = R"J({"prompt": "goldfish", "negative_prompt": "",
 "steps": 30, "guidance_scale": 4, "seed": "6952411511246973023", "sampler": "dpmpp_2m_sde_gpu",
 "scheduler": "karras", "base_model": "juggernaut", "base_model_hash": "aeb7",
 "resolution": "(768, 1280)", "metadata_scheme": "fooocus",
 "loras": [["sd_xl_offset.safetensors", 0.1]], "version": "Fooocus v2.4.3"})J";

inline constexpr std::string_view kRuinedFooocus = R"J({"Prompt": "a tree", "Negative": "snow",
 "steps": 30, "cfg": 8, "width": 1152, "height": 896, "seed": 12,
 "sampler_name": "dpmpp_2m_sde_gpu", "scheduler": "karras", "base_model_name": "sdxl.safetensors",
 "base_model_hash": "123", "loras": [["lora.safetensors", 0.6]], "software": "RuinedFooocus"})J";

inline constexpr std::string_view kSwarm = R"J({"sui_image_params": {"prompt": "a robot",
 "negativeprompt": "blur", "model": "sd_xl_base_1.0", "seed": 42, "steps": 20, "cfgscale": 7,
 "width": 1024, "height": 1024, "sampler": "euler", "scheduler": "normal",
 "clipstopatlayer": -2, "loras": ["add_detail"], "loraweights": ["0.8"]},
 "sui_models": [{"name": "sd_xl_base_1.0.safetensors", "param": "model", "hash": "0x31e3"}]})J";

inline constexpr std::string_view kNovelComment = R"J({"prompt": "1girl, stars", "steps": 28,
 "sampler": "k_euler_ancestral", "seed": 123, "scale": 5.0, "uc": "lowres", "width": 832,
 "height": 1216, "noise_schedule": "karras"})J";

}  // namespace sp::genmeta::testing
