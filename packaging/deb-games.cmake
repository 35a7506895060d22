# SPDX-License-Identifier: MIT
# Run by cpack (CPACK_PRE_BUILD_SCRIPTS) after it has installed the files
# into its staging folder and before it makes the .deb: Debian puts the
# programs of games in /usr/games, while `cmake --install` keeps bin/.
# The program finds its decks at ../share/tightrope beside itself, which is
# the same folder from /usr/games as from /usr/bin.
file(GLOB_RECURSE programs LIST_DIRECTORIES false "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/bin/tightrope")
if(NOT programs)
  message(FATAL_ERROR "deb-games.cmake: no bin/tightrope under ${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
endif()
foreach(program IN LISTS programs)
  get_filename_component(bin "${program}" DIRECTORY)
  get_filename_component(usr "${bin}" DIRECTORY)
  file(MAKE_DIRECTORY "${usr}/games")
  file(RENAME "${program}" "${usr}/games/tightrope")
  file(GLOB left "${bin}/*")
  if(NOT left)
    file(REMOVE_RECURSE "${bin}")
  endif()
endforeach()

# Lintian's overrides for this package, each with its reason
# (packaging/lintian-overrides); only the .deb carries them.
foreach(program IN LISTS programs)
  get_filename_component(bin "${program}" DIRECTORY)
  get_filename_component(usr "${bin}" DIRECTORY)
  file(MAKE_DIRECTORY "${usr}/share/lintian/overrides")
  file(COPY_FILE "${CMAKE_CURRENT_LIST_DIR}/lintian-overrides" "${usr}/share/lintian/overrides/tightrope")
endforeach()
