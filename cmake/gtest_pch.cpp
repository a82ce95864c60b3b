// The translation unit that builds the shared GoogleTest precompiled header (TestPch.cmake).
