// ParleyCompiler: the contract compiler as one library.
//
// Each layer is its own module so the layers stay separate (front end → emitters, compatibility
// checker, docs generator); this module re-exports them under the product name users depend on.
@_exported import ParleyFrontEnd
@_exported import ParleySwiftGen
@_exported import ParleyCompat
@_exported import ParleyDocGen
