using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security;

namespace LineProf.Weaver.Tests.Corpus;

/// <summary>
/// Makes the JIT compile every method body of an assembly, generic ones instantiated over a value type and over a
/// reference type, so invalid IL fails here rather than hiding in a method no case happens to call.
/// </summary>
public static class JitCompiler
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic |
                                          BindingFlags.Instance | BindingFlags.Static;

    /// <summary>Type arguments tried for every generic parameter: a value type, then reference types.</summary>
    private static readonly Type[] s_candidates = [typeof(int), typeof(string), typeof(object)];

    /// <summary>Compiles everything; returns one line per method that failed, and how many bodies were compiled.</summary>
    public static (int Compiled, List<string> Failures) CompileAll(Assembly assembly)
    {
        int compiled = 0;
        var failures = new List<string>();
        var types = assembly.GetTypes();
        var ownTypes = types.Where(t => !t.IsGenericTypeDefinition && !t.IsAbstract).ToArray();
        foreach (var definition in types)
        {
            var instances = definition.IsGenericTypeDefinition ? Instantiations(definition.GetGenericArguments().Length, definition.MakeGenericType, ownTypes) : [definition];
            if (instances.Count == 0) failures.Add($"{definition}: no instantiation satisfies its constraints");

            foreach (var type in instances)
            {
                var methods = type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));
                foreach (var method in methods)
                {
                    if (method.IsAbstract || method.GetMethodBody() == null) continue;
                    var closed = method is MethodInfo { IsGenericMethodDefinition: true } generic
                        ? Instantiations(generic.GetGenericArguments().Length, generic.MakeGenericMethod, ownTypes).Cast<MethodBase>().ToList()
                        : [method];
                    if (closed.Count == 0) failures.Add($"{type}.{method}: no instantiation satisfies its constraints");
                    foreach (var target in closed)
                    {
                        try
                        {
                            var typeArguments = target.DeclaringType!.GetGenericArguments().Concat(target.IsGenericMethod ? target.GetGenericArguments() : [])
                                .Select(t => t.TypeHandle).ToArray();
                            RuntimeHelpers.PrepareMethod(target.MethodHandle, typeArguments.Length == 0 ? null : typeArguments);
                            compiled++;
                        }
                        catch (Exception e) when (e is InvalidProgramException || e is BadImageFormatException || e is TypeLoadException ||
                                                  e is MissingMethodException || e is MissingFieldException || e is VerificationException)
                        {
                            failures.Add($"{type}.{target}: {e.GetType().Name}: {e.Message}");
                        }
                    }
                }
            }
        }

        return (compiled, failures);
    }

    /// <summary>
    /// All-value-type and all-reference-type instantiations that satisfy the constraints; failing those, the first of
    /// the assembly's own types that does (a constraint such as <c>where T : IShape&lt;T&gt;</c>).
    /// </summary>
    private static List<T> Instantiations<T>(int arity, Func<Type[], T> make, Type[] ownTypes)
    {
        var made = new List<T>();
        foreach (var candidate in s_candidates.Concat(ownTypes))
        {
            if (made.Count > 0 && !s_candidates.Contains(candidate)) break;
            try
            {
                made.Add(make(Enumerable.Repeat(candidate, arity).ToArray()));
            }
            catch (ArgumentException)
            {
                // A constraint rules this candidate out; another one will do.
            }
        }

        return made;
    }
}
