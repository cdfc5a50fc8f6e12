using System.Text;
using Grpc.Core;

namespace LineProf.Templates.Tests;

/// <summary>
/// The methods of the greet.proto laid over the gRPC template (tests/Apps/Templates/grpc), for a client without
/// generated code: both messages are one string in field 1.
/// </summary>
internal static class GreeterMethods
{
    internal static readonly Method<string, string> SayHello = Greeter(MethodType.Unary, "SayHello");
    internal static readonly Method<string, string> StreamGreetings = Greeter(MethodType.ServerStreaming, "StreamGreetings");
    internal static readonly Method<string, string> GreetEveryone = Greeter(MethodType.ClientStreaming, "GreetEveryone");
    internal static readonly Method<string, string> Chat = Greeter(MethodType.DuplexStreaming, "Chat");

    private static Method<string, string> Greeter(MethodType type, string name) =>
        new(type, "greet.Greeter", name, Marshallers.Create(StringField1, ReadStringField1), Marshallers.Create(StringField1, ReadStringField1));

    private static byte[] StringField1(string value)
    {
        var text = Encoding.UTF8.GetBytes(value);
        var message = new List<byte> { 0x0A }; // field 1, length-delimited
        for (uint length = (uint)text.Length; ; length >>= 7)
        {
            if (length < 0x80)
            {
                message.Add((byte)length);
                break;
            }

            message.Add((byte)(length & 0x7F | 0x80));
        }

        message.AddRange(text);
        return [.. message];
    }

    private static string ReadStringField1(byte[] message)
    {
        if (message.Length == 0) return "";
        if (message[0] != 0x0A) throw new InvalidDataException($"Expected field 1 as a string, got tag {message[0]:X2}.");
        int length = 0, shift = 0, i = 1;
        for (; (message[i] & 0x80) != 0; i++, shift += 7) length |= (message[i] & 0x7F) << shift;
        length |= message[i] << shift;
        return Encoding.UTF8.GetString(message, i + 1, length);
    }
}
