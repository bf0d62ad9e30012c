package jp.renraku.common;

import java.util.List;

/**
 * Things waiting for the signed-in staff member, shown at the top of the home page:
 * modules that give people work (an investigation report to write, an export to approve)
 * implement this.
 */
public interface HomeTasks {

	/**
	 * One task.
	 *
	 * @param messageKey the text, with {@code args} (at most two)
	 * @param href where to do it
	 */
	record Task(String messageKey, List<Object> args, String href) {

		/** The argument at the index, or an empty text. */
		public Object arg(int index) {
			return index < args.size() ? args.get(index) : "";
		}

	}

	List<Task> tasksFor(Staff staff);

}
