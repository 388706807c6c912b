import ParleyFrontEnd

/// How each built-in contract type appears in Swift and on the binary wire.
extension BuiltinType {
  /// The fully qualified Swift type: `Swift.Int32`, `Foundation.Data`, …
  var swiftType: String {
    switch self {
    case .bool: "Swift.Bool"
    case .int8: "Swift.Int8"
    case .int16: "Swift.Int16"
    case .int32: "Swift.Int32"
    case .int64: "Swift.Int64"
    case .int: "Swift.Int"
    case .uint8: "Swift.UInt8"
    case .uint16: "Swift.UInt16"
    case .uint32: "Swift.UInt32"
    case .uint64: "Swift.UInt64"
    case .float: "Swift.Float"
    case .double: "Swift.Double"
    case .string: "Swift.String"
    case .bytes: "Foundation.Data"
    case .timestamp: "Foundation.Date"
    case .duration: "Swift.Duration"
    case .uuid: "Foundation.UUID"
    }
  }

  /// The `BinaryWriter`/`BinaryReader` method stem: `writeInt32` / `readInt32`.
  var binaryStem: String {
    switch self {
    case .bool: "Bool"
    case .int8: "Int8"
    case .int16: "Int16"
    case .int32: "Int32"
    case .int64: "Int64"
    case .int: "Int"
    case .uint8: "UInt8"
    case .uint16: "UInt16"
    case .uint32: "UInt32"
    case .uint64: "UInt64"
    case .float: "Float"
    case .double: "Double"
    case .string: "String"
    case .bytes: "Bytes"
    case .timestamp: "Timestamp"
    case .duration: "Duration"
    case .uuid: "UUID"
    }
  }

  /// The `Parley.BinaryWireType` case name of its values.
  var wireType: String {
    switch self {
    case .bool, .int8, .int16, .int32, .int64, .int, .uint8, .uint16, .uint32, .uint64: ".varint"
    case .float: ".fixed32"
    case .double: ".fixed64"
    case .string, .bytes, .timestamp, .duration, .uuid: ".lengthDelimited"
    }
  }

  /// A bare read expression (needs `try`).
  var binaryRead: String {
    switch self {
    case .bytes: "Foundation.Data(reader.readBytesSlice())"
    default: "reader.read\(binaryStem)()"
    }
  }
}
