# `cmake --install` and the .deb (CPack): the programs in bin/, a freedesktop menu entry with its
# icon and the model files' MIME type in share/, the full MNIST in share/daelab/mnist (where an
# installed daelab looks first; resources/include/dae/default_data.h), the README in share/doc.
include(GNUInstallDirs)
if(TARGET daelab AND TARGET daelab-cli)
  install(TARGETS daelab daelab-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES resources/desktop/daelab.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES resources/desktop/daelab-model.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)
  install(FILES "${DAELAB_ICON_SVG}" DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  foreach(size IN LISTS DAELAB_ICON_SIZES)
    install(FILES "${DAELAB_ICON_DIR}/daelab-${size}.png"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps RENAME daelab.png)
  endforeach()
  if(DAELAB_MNIST_GZ)
    install(FILES ${DAELAB_MNIST_GZ} DESTINATION ${CMAKE_INSTALL_DATADIR}/daelab/mnist)
  endif()
  install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME daelab)
set(CPACK_PACKAGE_VENDOR daelab)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "laboratory for denoising autoencoders (Qt 6 desktop program and CLI)")
set(CPACK_PACKAGE_DESCRIPTION
    "Train denoising autoencoders on real handwritten digits (the full MNIST is included) and watch\n"
    "their filters emerge; iterate them to their fixed points (Bahdanau & Jaeger 2014); script every\n"
    "experiment with daelab-cli.")
set(CPACK_PACKAGE_CONTACT "daelab developers <daelab@invalid>")
set(CPACK_PACKAGE_INSTALL_DIRECTORY daelab)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# Shared libraries from dpkg-shlibdeps (Qt, libgomp, libzip, zlib, libstdc++), plus what is loaded
# at run time rather than linked: Qt's platform plugins (xcb) for the window.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dataset-fashion-mnist")
include(CPack)
