package io.iovc.diag;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Reads a source tree with javac's parser and checks the diagnostic-factory convention:
 *
 * <ul>
 *   <li>a factory is a method or nested class whose Javadoc starts with a core code ({@code /**
 *       IOV213: …}); there is exactly one per code in the whole tree;
 *   <li>in the stages (the check and syntax packages), diagnostics ({@code Diagnostic.of}) and
 *       fixes ({@code Fix.safe}, {@code Fix.guess}, {@code new Fix}) are built only in classes
 *       named {@code …Diagnostics}, and there every {@code Codes.X} sits inside the factory of X;
 *   <li>a factory uses its own code and no other core code;
 *   <li>every stage method that calls a factory names the factory's code in its Javadoc, so that
 *       {@code grep -rn IOV213} finds the rule next to its words.
 * </ul>
 */
final class FactoryConvention {
  private static final Pattern CODE_DOC = Pattern.compile("^(IOV[0-9]{3}):");
  private static final Set<String> FIX_FACTORIES = Set.of("safe", "guess", "of");

  /** A factory: the code, where it is, and the core codes its body names. */
  record Factory(String code, String file, String owner, String name, boolean isClass) {}

  final Map<String, List<Factory>> factories = new LinkedHashMap<>();
  final Set<String> emitted = new TreeSet<>();
  final List<String> problems = new ArrayList<>();

  private final Map<String, String> codeOfConstant = new LinkedHashMap<>();

  private FactoryConvention() {
    for (Field f : Codes.class.getFields()) {
      if (f.getType() != Code.class) continue;
      try {
        codeOfConstant.put(f.getName(), ((Code) f.get(null)).id());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Checks the {@code .java} files under {@code root} (a source root such as {@code
   * src/main/java}); {@code stages} are the package directories whose diagnostics must come from
   * factories ({@code io/iovc/check}).
   */
  static FactoryConvention check(Path sourceRoot, List<String> stages) {
    FactoryConvention c = new FactoryConvention();
    Path root = sourceRoot.toAbsolutePath().normalize();
    List<Unit> units = parse(root);
    for (Unit u : units) c.collectFactories(u);
    for (Unit u : units) {
      if (stages.stream().anyMatch(s -> u.path.startsWith(root.resolve(s)))) c.checkStage(u);
    }
    c.factories.forEach(
        (code, list) -> {
          if (list.size() > 1) c.problems.add(code + " has " + list.size() + " factories: " + list);
        });
    for (String code : c.emitted) {
      if (!c.factories.containsKey(code)) c.problems.add(code + " is emitted but has no factory");
    }
    return c;
  }

  private record Unit(Path path, CompilationUnitTree tree, DocTrees docs, SourcePositions pos) {}

  private static List<Unit> parse(Path root) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    Iterable<? extends JavaFileObject> objects = fm.getJavaFileObjectsFromPaths(files);
    JavacTask task =
        (JavacTask) javac.getTask(null, fm, d -> {}, List.of("-proc:none"), null, objects);
    DocTrees docs = DocTrees.instance(task);
    SourcePositions pos = docs.getSourcePositions();
    List<Unit> units = new ArrayList<>();
    try {
      for (CompilationUnitTree t : task.parse()) {
        Path p = Path.of(t.getSourceFile().toUri()).toAbsolutePath().normalize();
        units.add(new Unit(p, t, docs, pos));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return units;
  }

  /** The Javadoc of the declaration at {@code path} on one line, or "". */
  private static String javadoc(Unit u, TreePath path) {
    String doc = u.docs.getDocComment(path);
    if (doc == null) return "";
    StringBuilder sb = new StringBuilder();
    for (String line : doc.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty()) sb.append(sb.length() > 0 ? " " : "").append(l);
    }
    return sb.toString();
  }

  private static String codeOfDoc(String doc) {
    Matcher m = CODE_DOC.matcher(doc);
    return m.find() ? m.group(1) : null;
  }

  private String where(Unit u, Tree t) {
    long line = u.tree.getLineMap().getLineNumber(u.pos.getStartPosition(u.tree, t));
    return u.path.getFileName() + ":" + line;
  }

  /** Every method or nested class whose Javadoc starts with a core code. */
  private void collectFactories(Unit u) {
    new TreePathScanner<Void, String>() {
      @Override
      public Void visitClass(ClassTree c, String owner) {
        String code = codeOfDoc(javadoc(u, getCurrentPath()));
        if (code != null) add(u, c, code, owner, c.getSimpleName().toString(), true);
        return super.visitClass(c, c.getSimpleName().toString());
      }

      @Override
      public Void visitMethod(MethodTree m, String owner) {
        String code = codeOfDoc(javadoc(u, getCurrentPath()));
        if (code != null) add(u, m, code, owner, m.getName().toString(), false);
        return super.visitMethod(m, owner);
      }
    }.scan(u.tree, null);
  }

  private void add(Unit u, Tree t, String code, String owner, String name, boolean isClass) {
    factories
        .computeIfAbsent(code, k -> new ArrayList<>())
        .add(new Factory(code, where(u, t), owner, name, isClass));
    if (!codeOfConstant.containsValue(code))
      problems.add(where(u, t) + ": " + code + " is not a code in diag/Codes");
  }

  /**
   * The factory an invocation calls ({@code XDiagnostics.f(…)}, {@code X.Nested.f(…)}), or null.
   */
  private Factory factoryCalled(MethodInvocationTree call) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree sel)) return null;
    String qualifier = sel.getExpression().toString();
    String last = qualifier.substring(qualifier.lastIndexOf('.') + 1);
    String name = sel.getIdentifier().toString();
    for (List<Factory> list : factories.values()) {
      for (Factory f : list) {
        if (f.isClass() ? f.name().equals(last) : f.owner().equals(last) && f.name().equals(name))
          return f;
      }
    }
    return null;
  }

  /** The checks on one file of a stage package. */
  private void checkStage(Unit u) {
    new TreePathScanner<Void, Void>() {
      private final Deque<String> classes = new ArrayDeque<>();
      private final Deque<String> factoryCodes = new ArrayDeque<>();
      private final Deque<boolean[]> usesOwnCode = new ArrayDeque<>();
      private final Deque<MethodTree> methods = new ArrayDeque<>();
      private final Deque<String> docs = new ArrayDeque<>();

      private void enter(String code) {
        factoryCodes.push(code);
        usesOwnCode.push(new boolean[1]);
      }

      private void leave(Tree t, String code) {
        factoryCodes.pop();
        if (!usesOwnCode.pop()[0])
          problems.add(where(u, t) + ": the factory of " + code + " does not build a " + code);
      }

      private boolean inDiagnosticsClass() {
        for (String c : classes) {
          if (c.endsWith("Diagnostics")) return true;
        }
        return false;
      }

      @Override
      public Void visitClass(ClassTree c, Void v) {
        classes.push(c.getSimpleName().toString());
        String code = codeOfDoc(javadoc(u, getCurrentPath()));
        if (code != null) enter(code);
        try {
          return super.visitClass(c, v);
        } finally {
          if (code != null) leave(c, code);
          classes.pop();
        }
      }

      @Override
      public Void visitMethod(MethodTree m, Void v) {
        String doc = javadoc(u, getCurrentPath());
        String code = codeOfDoc(doc);
        if (code != null) enter(code);
        methods.push(m);
        docs.push(doc);
        try {
          return super.visitMethod(m, v);
        } finally {
          docs.pop();
          methods.pop();
          if (code != null) leave(m, code);
        }
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree s, Void v) {
        if (s.getExpression().toString().equals("Codes")) {
          String code = codeOfConstant.get(s.getIdentifier().toString());
          if (code != null && inDiagnosticsClass()) {
            emitted.add(code);
            String factory = factoryCodes.peek();
            if (factory == null)
              problems.add(where(u, s) + ": " + code + " is used outside a factory");
            else if (!factory.equals(code))
              problems.add(where(u, s) + ": " + code + " is used in the factory of " + factory);
            else usesOwnCode.peek()[0] = true;
          }
        }
        return super.visitMemberSelect(s, v);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void v) {
        ExpressionTree sel = call.getMethodSelect();
        String called = sel.toString();
        boolean builds =
            called.equals("Diagnostic.of")
                || sel instanceof MemberSelectTree ms
                    && ms.getExpression().toString().equals("Fix")
                    && FIX_FACTORIES.contains(ms.getIdentifier().toString());
        if (builds && !inDiagnosticsClass())
          problems.add(where(u, call) + ": " + called + " outside a …Diagnostics class");
        Factory f = factoryCalled(call);
        if (f != null && !inDiagnosticsClass()) {
          String doc = docs.isEmpty() ? "" : docs.peek();
          if (!Pattern.compile("\\b" + f.code() + "\\b").matcher(doc).find()) {
            String method = methods.isEmpty() ? "?" : methods.peek().getName().toString();
            problems.add(
                where(u, call)
                    + ": "
                    + method
                    + " calls the factory of "
                    + f.code()
                    + " but its Javadoc does not name "
                    + f.code());
          }
        }
        return super.visitMethodInvocation(call, v);
      }

      @Override
      public Void visitNewClass(NewClassTree n, Void v) {
        if (n.getIdentifier().toString().equals("Fix") && !inDiagnosticsClass())
          problems.add(where(u, n) + ": new Fix outside a …Diagnostics class");
        return super.visitNewClass(n, v);
      }
    }.scan(u.tree, null);
  }
}
