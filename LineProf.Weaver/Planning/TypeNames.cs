using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace LineProf.Weaving.Planning
{
    /// <summary>Type names as C# code spells them, for the parameter lists that tell overloads apart.</summary>
    internal static class TypeNames
    {
        private static readonly Dictionary<string, string> s_keywords = new Dictionary<string, string>
        {
            ["System.Boolean"] = "bool", ["System.Byte"] = "byte", ["System.SByte"] = "sbyte", ["System.Char"] = "char",
            ["System.Int16"] = "short", ["System.UInt16"] = "ushort", ["System.Int32"] = "int", ["System.UInt32"] = "uint",
            ["System.Int64"] = "long", ["System.UInt64"] = "ulong", ["System.Single"] = "float", ["System.Double"] = "double",
            ["System.Decimal"] = "decimal", ["System.String"] = "string", ["System.Object"] = "object", ["System.Void"] = "void",
            ["System.IntPtr"] = "nint", ["System.UIntPtr"] = "nuint",
        };

        /// <summary><c>List&lt;int&gt;</c>, <c>int?</c>, <c>string[]</c>; with namespaces when <paramref name="fullNames"/>.</summary>
        public static string Of(TypeReference type, bool fullNames)
        {
            switch (type)
            {
                case RequiredModifierType required: return Of(required.ElementType, fullNames);
                case OptionalModifierType optional: return Of(optional.ElementType, fullNames);
                case ByReferenceType byReference: return "ref " + Of(byReference.ElementType, fullNames);
                case PointerType pointer: return Of(pointer.ElementType, fullNames) + "*";
                case ArrayType array: return Of(array.ElementType, fullNames) + "[" + new string(',', array.Rank - 1) + "]";
                case GenericInstanceType generic when generic.ElementType.FullName == "System.Nullable`1":
                    return Of(generic.GenericArguments[0], fullNames) + "?";
                case GenericInstanceType generic:
                    return Named(generic.ElementType, fullNames) + "<" + string.Join(", ", generic.GenericArguments.Select(a => Of(a, fullNames))) + ">";
                case GenericParameter parameter: return parameter.Name;
                case FunctionPointerType _: return "delegate*";
                default:
                    return s_keywords.TryGetValue(type.FullName, out var keyword) ? keyword : Named(type, fullNames);
            }
        }

        public static string WithoutArity(string name)
        {
            int tick = name.IndexOf('`');
            return tick < 0 ? name : name.Substring(0, tick);
        }

        private static string Named(TypeReference type, bool fullNames)
        {
            var name = WithoutArity(type.Name);
            if (!fullNames) return name;
            if (type.DeclaringType != null) return Named(type.DeclaringType, true) + "." + name;
            return string.IsNullOrEmpty(type.Namespace) ? name : type.Namespace + "." + name;
        }
    }
}
