# The WebAssembly build (included by the top-level CMakeLists.txt under emcmake):
# build/wasm/nnp.js (an ES6 module factory for web and worker environments;
# in Node pass { wasmBinary } read from disk) and build/wasm/nnp.wasm.
#
# Every translation unit that includes Eigen gets the same flags: they are
# PUBLIC compile options of nnp_engine, so the bindings inherit them.
#
# Choices, measured with bench/wasm_bench.mjs and gzip -9 (bindings/README.md):
#  - -O3 (-Os/-Oz are 10-13x slower: Eigen needs inlining) with
#    -fno-unroll-loops: 10 kB gzip smaller, same speed.
#  - -msimd128 without Eigen's SSE path: the SSE path (NNP_WASM_EIGEN_SSE)
#    is 1.5x slower for our small matrices (training, loss), 20 % faster
#    only for the W2 grid, and 17 kB bigger.
#  - -fwasm-exceptions (native wasm exception handling) rather than
#    -fexceptions (JS-based): 8 kB gzip smaller, same speed, supported by
#    Node 20 and every current browser (Chromium 156 checked).
#  - -flto (compile and link): 4.3 kB gzip smaller, same speed; the per-file
#    -Oz below survives as the functions' minsize attribute.
set(NNP_WASM_COMPILE_FLAGS -O3 -fno-unroll-loops -msimd128 -fwasm-exceptions -flto)

# Debian's nlohmann_json target puts /usr/include on the include path, where
# the host's C headers would shadow emscripten's libc. Point it at a copy of
# just the nlohmann headers instead.
get_target_property(_nnp_json_inc nlohmann_json::nlohmann_json INTERFACE_INCLUDE_DIRECTORIES)
list(FILTER _nnp_json_inc EXCLUDE REGEX "^/usr/include/?$")
if(NOT _nnp_json_inc)
  set(_nnp_json_dir "${CMAKE_BINARY_DIR}/nlohmann-include")
  if(NOT EXISTS "${_nnp_json_dir}/nlohmann/json.hpp")
    file(COPY /usr/include/nlohmann DESTINATION "${_nnp_json_dir}")
  endif()
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_nnp_json_dir}")
endif()

if(NNP_WASM_EIGEN_SSE)
  set(_nnp_eigen_src "${EIGEN3_INCLUDE_DIR}")
  if(NOT EXISTS "${_nnp_eigen_src}/Eigen/Core")
    set(_nnp_eigen_src /usr/include/eigen3)
  endif()
  set(_nnp_overlay "${CMAKE_BINARY_DIR}/eigen-sse")
  set(_nnp_stamp "${_nnp_overlay}/.patched-from")
  set(_nnp_packet "${_nnp_overlay}/Eigen/src/Core/arch/SSE/PacketMath.h")
  file(READ "${_nnp_eigen_src}/Eigen/src/Core/util/Macros.h" _nnp_macros)
  string(MD5 _nnp_eigen_id "${_nnp_eigen_src}${_nnp_macros}")
  set(_nnp_have "")
  if(EXISTS "${_nnp_stamp}")
    file(READ "${_nnp_stamp}" _nnp_have)
  endif()
  if(NOT _nnp_have STREQUAL _nnp_eigen_id)
    file(REMOVE_RECURSE "${_nnp_overlay}")
    file(COPY "${_nnp_eigen_src}/Eigen" DESTINATION "${_nnp_overlay}")
    file(WRITE "${_nnp_overlay}/mmintrin.h" "/* Empty: emscripten has no MMX; Eigen includes this header for SSE. */\n")
    file(READ "${_nnp_packet}" _nnp_text)
    set(_nnp_from "#if EIGEN_COMP_GNUC && EIGEN_COMP_GNUC < 63")
    set(_nnp_to "#if EIGEN_COMP_GNUC_STRICT && EIGEN_COMP_GNUC < 63 && !defined(__EMSCRIPTEN__)")
    string(FIND "${_nnp_text}" "${_nnp_from}" _nnp_at)
    if(_nnp_at EQUAL -1)
      message(FATAL_ERROR "Eigen's SSE/PacketMath.h has changed; cannot apply the wasm SSE fix (set NNP_WASM_EIGEN_SSE=OFF)")
    endif()
    string(REPLACE "${_nnp_from}" "${_nnp_to}" _nnp_text "${_nnp_text}")
    file(WRITE "${_nnp_packet}" "${_nnp_text}")
    file(WRITE "${_nnp_stamp}" "${_nnp_eigen_id}")
  endif()
  target_include_directories(nnp_engine BEFORE PUBLIC "${_nnp_overlay}")
  list(APPEND NNP_WASM_COMPILE_FLAGS -msse2)
endif()

target_compile_options(nnp_engine PUBLIC ${NNP_WASM_COMPILE_FLAGS})

# The JSON configuration and model files, the description, the data
# generators, upcoming_batches (once per PyTorch export), the weight
# initialisers and the history table (once per reset / epoch row), and the
# bindings are built for size (engine/cold.hpp does the same for single
# functions in -O3 files; -Oz comes after -O3 and wins): they run once per user
# action or only convert. Under -flto a template instantiated both here and in
# the training code keeps one copy, and the bindings' lambdas inline some
# engine calls; A/B with bench/wasm_bench.mjs (CPU time, interleaved) showed
# the training step, the loss and the grid unchanged (bindings/README.md).
# Without -flto the bindings at -Oz had slowed `evaluate`.
set_source_files_properties(
  ${CMAKE_SOURCE_DIR}/engine/config.cpp
  ${CMAKE_SOURCE_DIR}/engine/dataset.cpp
  ${CMAKE_SOURCE_DIR}/engine/describe.cpp
  ${CMAKE_SOURCE_DIR}/engine/history.cpp
  ${CMAKE_SOURCE_DIR}/engine/initializer.cpp
  ${CMAKE_SOURCE_DIR}/engine/json_text.cpp
  ${CMAKE_SOURCE_DIR}/engine/map_summary.cpp
  ${CMAKE_SOURCE_DIR}/engine/model_io.cpp
  ${CMAKE_SOURCE_DIR}/engine/seedrandom.cpp
  ${CMAKE_SOURCE_DIR}/engine/tfp_replay.cpp
  ${CMAKE_SOURCE_DIR}/engine/upcoming_batches.cpp
  ${CMAKE_SOURCE_DIR}/bindings/nnp_bindings.cpp
  PROPERTIES COMPILE_OPTIONS -Oz)

add_executable(nnp ${CMAKE_SOURCE_DIR}/bindings/nnp_bindings.cpp)
target_link_libraries(nnp PRIVATE nnp_engine)
target_compile_options(nnp PRIVATE -Wall -Wextra)
set_target_properties(nnp PROPERTIES
  SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}"
  # emcc 3.1.6 needs acorn from Debian's node modules when it links.
  CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
target_link_options(nnp PRIVATE
  --bind
  -O3
  -flto
  -fwasm-exceptions
  -sMODULARIZE=1
  -sEXPORT_ES6=1
  -sEXPORT_NAME=createNnpModule
  -sENVIRONMENT=web,worker
  -sALLOW_MEMORY_GROWTH=1
  -sFILESYSTEM=0
  # The loader's JS: no eval'd Embind invokers, and of the Module options
  # only wasmBinary (what Node callers pass): 0.9 kB gzip less nnp.js.
  -sDYNAMIC_EXECUTION=0
  # emmalloc rather than dlmalloc: 2.9 kB gzip smaller; the training step
  # and the grid allocate nothing per call, same speed (bindings/README.md).
  -sMALLOC=emmalloc
  "-sINCOMING_MODULE_JS_API=[wasmBinary]"
  -sINITIAL_MEMORY=16777216)
