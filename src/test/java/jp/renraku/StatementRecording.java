package jp.renraku;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every SQL statement the application runs, on any thread, while
 * {@link #recording} is on: for tests of how much work a request does (a refused sign-in
 * must not tell by its work whether the ID exists; a group of confirmation presses costs
 * a fixed number of statements, not one per press). Import it into a
 * {@code @SpringBootTest}; tests that import it share one application.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementRecording {

	/** The SQL run while recording, in order, whitespace collapsed. */
	public static final List<String> STATEMENTS = Collections.synchronizedList(new ArrayList<>());

	public static volatile boolean recording;

	@Bean
	static BeanPostProcessor recordStatements() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return bean instanceof DataSource dataSource ? recorded(dataSource) : bean;
			}
		};
	}

	private static DataSource recorded(DataSource target) {
		return proxy(DataSource.class, target,
				(result, method, args) -> result instanceof Connection c ? proxy(Connection.class, c,
						(inner, m,
								a) -> inner instanceof PreparedStatement statement && m.getName().startsWith("prepare")
										? record(statement, (String) a[0]) : inner)
						: result);
	}

	private static PreparedStatement record(PreparedStatement statement, String sql) {
		return proxy(PreparedStatement.class, statement, (result, method, args) -> result, method -> {
			if (recording && method.getName().startsWith("execute")) {
				STATEMENTS.add(sql.replaceAll("\\s+", " ").strip());
			}
		});
	}

	private interface After {

		Object apply(Object result, Method method, Object[] args);

	}

	private static <T> T proxy(Class<T> type, T target, After after) {
		return proxy(type, target, after, method -> {
		});
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, After after, Consumer<Method> before) {
		InvocationHandler handler = (self, method, args) -> {
			before.accept(method);
			try {
				return after.apply(method.invoke(target, args), method, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

}
