using System.Collections.Generic;
using LineProf.Weaving.Planning;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Collections.Generic;

namespace LineProf.Weaving.Rewriting
{
    /// <summary>
    /// Rewrites one method's IL from its plan:
    /// <list type="bullet">
    /// <item>Enter (or Resume, in a state machine) first;</item>
    /// <item>a stack-neutral Hit before each sequence point's first instruction, with every branch, switch arm and
    /// exception-handler boundary that targeted that instruction moved to the probe, so arriving by any path counts;</item>
    /// <item>Exit in a finally around the whole body where every return is an exit; in async code, Complete
    /// before the builder's SetResult/SetException, Suspend before its AwaitOnCompleted and Leave before each
    /// return from MoveNext.</item>
    /// </list>
    /// Original instructions are kept as objects, so sequence points, scopes and async stepping info still name them
    /// and the PDB keeps mapping every original instruction to its original line.
    /// </summary>
    internal sealed class MethodRewriter
    {
        private readonly ProbeCalls _calls;
        private readonly LineMapFields _lineMap;

        public MethodRewriter(ProbeCalls calls, LineMapFields lineMap)
        {
            _calls = calls;
            _lineMap = lineMap;
        }

        public void Rewrite(MethodPlan plan)
        {
            if (plan.CountedOnly)
            {
                EmitCount(plan);
                return;
            }

            var method = plan.Method;
            var body = method.Body;
            ShortForms.LengthenBranches(body); // inserted code must never leave a short branch out of reach

            var frame = plan.FrameInStateMachine
                ? FrameAccess.InStateMachine(method, _calls.Frame)
                : FrameAccess.InLocal(body, _calls.Frame);
            var exit = plan.ExitsAtEveryReturn ? new ExitPath(method) : null;

            var sites = plan.Sites;
            var completions = plan.Completions.Count == 0 ? null : new HashSet<Instruction>(plan.Completions);
            var suspensions = plan.Suspensions.Count == 0 ? null : new HashSet<Instruction>(plan.Suspensions);
            var probeStarts = new Dictionary<Instruction, Instruction>(sites.Count);

            // The body is rebuilt in place, in one pass: inserting into it would shift the rest of it at every probe.
            var code = body.Instructions;
            var original = new Instruction[code.Count];
            code.CopyTo(original, 0);
            code.Clear();
            code.Capacity = original.Length + sites.Count * 6 + 16;

            EmitEnter(code, frame, plan.MethodLineId, plan.FrameInStateMachine);
            int bodyStart = code.Count;
            int next = 0;
            foreach (var instruction in original)
            {
                if (next < sites.Count && sites[next].Instruction == instruction) probeStarts.Add(instruction, EmitHit(code, frame, sites[next++].LineId));

                // Stack-neutral: the completing call's arguments are already pushed, and a ret's value stays put.
                if (completions != null && completions.Contains(instruction))
                {
                    EmitCall(code, frame, _calls.Complete);
                }
                else if (suspensions != null && suspensions.Contains(instruction))
                {
                    EmitCall(code, frame, _calls.Suspend);
                }
                else if (instruction.OpCode.Code == Code.Ret && exit == null)
                {
                    var leave = EmitCall(code, frame, _calls.Leave);
                    if (!probeStarts.ContainsKey(instruction)) probeStarts.Add(instruction, leave); // every path to ret passes it
                }

                code.Add(instruction);
                if (instruction.OpCode.Code == Code.Ret && exit != null) exit.Redirect(instruction, code);
            }

            // Before the exit path is added: its own leave targets must stay where they are.
            Retarget(code, body.ExceptionHandlers, probeStarts);
            exit?.Close(code, code[bodyStart], frame, _calls.Exit);

            code[0].Previous = null; // the collection links each instruction it adds to the one before, not these ends
            code[code.Count - 1].Next = null;
            ShortForms.ShortenBranches(body);
        }

        /// <summary>
        /// A small member's count, before its first instruction. Nothing can branch there (it has no loop), and its
        /// sequence point stays on the instruction it marked, so a debugger still stops on the member's line.
        /// </summary>
        private void EmitCount(MethodPlan plan)
        {
            var count = new Collection<Instruction>(5);
            AppendProbeId(count, plan.MethodLineId);
            count.Add(Instruction.Create(OpCodes.Ldsfld, _lineMap.End));
            count.Add(Instruction.Create(OpCodes.Call, _calls.Count));
            var code = plan.Method.Body.Instructions;
            for (int i = 0; i < count.Count; i++) code.Insert(i, count[i]);
        }

        /// <summary>Appends what pushes a line's probe id: the assembly's first id, known once it registers, plus the line's.</summary>
        private void AppendProbeId(Collection<Instruction> code, int line)
        {
            code.Add(Instruction.Create(OpCodes.Ldsfld, _lineMap.Base));
            code.Add(ShortForms.LoadConstant(line));
            code.Add(Instruction.Create(OpCodes.Add));
        }

        /// <summary>Appends the probe for reaching a line; returns its first instruction.</summary>
        private Instruction EmitHit(Collection<Instruction> code, FrameAccess frame, int line)
        {
            int start = code.Count;
            frame.PushAddress(code);
            AppendProbeId(code, line);
            code.Add(Instruction.Create(OpCodes.Call, _calls.Hit));
            return code[start];
        }

        private void EmitEnter(Collection<Instruction> code, FrameAccess frame, int methodLine, bool resume)
        {
            frame.PushAddress(code);
            AppendProbeId(code, methodLine);
            code.Add(Instruction.Create(OpCodes.Ldsfld, _lineMap.End));
            code.Add(Instruction.Create(OpCodes.Call, resume ? _calls.Resume : _calls.Enter));
        }

        /// <summary>Appends a call of a probe that takes only the frame; returns its first instruction.</summary>
        private static Instruction EmitCall(Collection<Instruction> code, FrameAccess frame, MethodReference probe)
        {
            int start = code.Count;
            frame.PushAddress(code);
            code.Add(Instruction.Create(OpCodes.Call, probe));
            return code[start];
        }

        /// <summary>Everything that jumped to an instruction that now has a probe in front of it jumps to the probe.</summary>
        private static void Retarget(Collection<Instruction> code, IEnumerable<ExceptionHandler> handlers, Dictionary<Instruction, Instruction> probeStarts)
        {
            if (probeStarts.Count == 0) return;
            Instruction? Moved(Instruction? target) => target != null && probeStarts.TryGetValue(target, out var probe) ? probe : target;

            foreach (var instruction in code)
            {
                switch (instruction.Operand)
                {
                    case Instruction target:
                        instruction.Operand = Moved(target);
                        break;
                    case Instruction[] targets:
                        for (int i = 0; i < targets.Length; i++) targets[i] = Moved(targets[i])!;
                        break;
                }
            }

            foreach (var handler in handlers)
            {
                handler.TryStart = Moved(handler.TryStart);
                handler.TryEnd = Moved(handler.TryEnd);
                handler.HandlerStart = Moved(handler.HandlerStart);
                handler.HandlerEnd = Moved(handler.HandlerEnd);
                handler.FilterStart = Moved(handler.FilterStart);
            }
        }

        /// <summary>
        /// The way out of a method that closes its frame in a finally: everything after Enter goes in a try whose
        /// finally calls Exit, so the frame closes on every return and every exception. Each return becomes a store of
        /// the result and a leave to a single return after the handler, redirected as the body is copied (inserting
        /// afterwards would cost a shift of the rest of the method per return).
        /// </summary>
        private sealed class ExitPath
        {
            private readonly MethodBody _body;
            private readonly VariableDefinition? _result;
            private readonly List<Instruction> _epilogue = new List<Instruction>(2);

            public ExitPath(MethodDefinition method)
            {
                _body = method.Body;
                if (WithoutModifiers(method.ReturnType).MetadataType != MetadataType.Void)
                {
                    _result = new VariableDefinition(method.ReturnType);
                    _body.Variables.Add(_result);
                    _epilogue.Add(ShortForms.Local(OpCodes.Ldloc, _result));
                }

                _epilogue.Add(Instruction.Create(OpCodes.Ret));
            }

            /// <summary>
            /// Turns the ret just copied to <paramref name="code"/> into the start of the exit path. The ret object
            /// itself becomes its first instruction, so whatever targeted it (a branch, a sequence point) still does.
            /// </summary>
            public void Redirect(Instruction ret, Collection<Instruction> code)
            {
                if (_result == null)
                {
                    ret.OpCode = OpCodes.Leave;
                    ret.Operand = _epilogue[0];
                    return;
                }

                var store = ShortForms.Local(OpCodes.Stloc, _result);
                ret.OpCode = store.OpCode;
                ret.Operand = store.Operand;
                code.Add(Instruction.Create(OpCodes.Leave, _epilogue[0]));
            }

            /// <summary>Appends the finally and the single return, and protects everything from <paramref name="tryStart"/>.</summary>
            public void Close(Collection<Instruction> code, Instruction tryStart, FrameAccess frame, MethodReference exitProbe)
            {
                var handlerStart = EmitCall(code, frame, exitProbe);
                code.Add(Instruction.Create(OpCodes.Endfinally));

                // A region that ran to the end of the method (a null end) must now stop where the new handler begins.
                foreach (var existing in _body.ExceptionHandlers)
                {
                    existing.TryEnd ??= handlerStart;
                    existing.HandlerEnd ??= handlerStart;
                }

                foreach (var instruction in _epilogue) code.Add(instruction);
                _body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Finally)
                {
                    TryStart = tryStart,
                    TryEnd = handlerStart,
                    HandlerStart = handlerStart,
                    HandlerEnd = _epilogue[0],
                });
            }
        }

        /// <summary>
        /// An init accessor returns <c>void modreq(IsExternalInit)</c>: still void, though Cecil reports the modifier's
        /// metadata type, not the void it modifies.
        /// </summary>
        private static TypeReference WithoutModifiers(TypeReference type)
        {
            while (type is IModifierType modified) type = modified.ElementType;
            return type;
        }
    }
}
